import { readFileSync } from 'node:fs';
import { MAX_REPORT_CHARS, parseReport, REPORT_SET_KIND, type Report } from '../src/report/index.ts';

/** A file the user named that cannot be used (a baseline report that is missing or not a report). */
export class InputError extends Error {}

/** Reads a Leakscope JSON report (an earlier `--json`), with the parser's own message when it is not one. */
export function readReportFile(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `Cannot read the report ${file}: ${code === 'ENOENT' ? 'no such file' : String(code ?? err)}.`,
    );
  }
  if (text.length > MAX_REPORT_CHARS) throw new InputError(`${file} is too large to be a Leakscope report.`);
  const parsed = parseReport(text);
  if (!parsed.ok) throw new InputError(`${file} is not a Leakscope report: ${parsed.message}`);
  return parsed.report;
}

/**
 * The reports a --baseline file holds: one report (`audit --json`), or each page's of a report set
 * (`audit --urls … --json`).
 */
export function readBaselineReports(file: string): Report[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [readReportFile(file)]; // the same clear message
  }
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    set = null;
  }
  if (!set || typeof set !== 'object' || (set as { kind?: unknown }).kind !== REPORT_SET_KIND)
    return [readReportFile(file)];
  const reports = (set as { reports?: unknown }).reports;
  if (!Array.isArray(reports)) throw new InputError(`${file} is a report set without reports.`);
  return reports.map((r, i) => {
    const parsed = parseReport(JSON.stringify(r));
    if (!parsed.ok)
      throw new InputError(`${file}: page ${i + 1} is not a Leakscope report: ${parsed.message}`);
    return parsed.report;
  });
}
