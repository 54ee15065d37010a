/**
 * Several pages' reports from one run (`leakscope audit --urls`): each page's report as it would be on its own,
 * plus the pages that could not be audited, and why.
 */
import { escapeMarkdown as md } from './escape.ts';
import { toMarkdown } from './markdown.ts';
import type { Report } from './model.ts';

export const REPORT_SET_KIND = 'leakscope-report-set';

export interface PageFailure {
  url: string;
  message: string;
}

export interface ReportSet {
  kind: typeof REPORT_SET_KIND;
  version: 1;
  /** ISO 8601, UTC. */
  createdAt: string;
  tool: { name: 'leakscope'; version: string };
  /** In the order the pages were listed. */
  reports: Report[];
  failures: PageFailure[];
}

export function reportSet(
  reports: Report[],
  failures: PageFailure[],
  meta: { createdAt: Date; toolVersion: string },
): ReportSet {
  return {
    kind: REPORT_SET_KIND,
    version: 1,
    createdAt: meta.createdAt.toISOString(),
    tool: { name: 'leakscope', version: meta.toolVersion },
    reports,
    failures,
  };
}

export function setToJson(set: ReportSet): string {
  return `${JSON.stringify(set, null, 1)}\n`;
}

export function setToMarkdown(set: ReportSet): string {
  const failures = set.failures.map((f) => `- Not audited: ${md(f.url, 200)}: ${md(f.message, 300)}`);
  return [
    `## Leakscope: ${set.reports.length} pages audited`,
    ...(failures.length ? ['', ...failures] : []),
    ...set.reports.map((r) => `\n${toMarkdown(r)}`),
  ].join('\n');
}
