import type { Report } from './model.ts';

/** The report as a JSON file's text (what `parseReport` reads back). */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 1)}\n`;
}
