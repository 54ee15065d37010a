import { readFileSync } from 'node:fs';
import type { Report } from '../src/report/model.ts';
import { MAX_REPORT_CHARS, parseReport } from '../src/report/parse.ts';

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
