/**
 * An assertion for test runners (vitest, jest, @playwright/test, mocha): audits the page and throws, with every
 * suspect at or above `failOn` and its retainer chain in the message, when one is found.
 */
import { callsiteText } from '../src/callsite.ts';
import { chainText } from '../src/chain.ts';
import { gate, type Report, type ReportSuspect } from '../src/report/index.ts';
import { SEVERITY_ORDER, type Severity } from '../src/severity.ts';
import { type AuditOptions, audit } from './api.ts';
import type { AuditablePage } from './page-driver.ts';
import { readReportFile } from './report-file.ts';
import { terminalText } from './terminal.ts';

export interface ExpectNoLeaksOptions extends AuditOptions {
  /** The least severity that fails the assertion (default 'medium'). */
  failOn?: Severity;
  /** An earlier report (or its file) whose suspects are known: only new ones fail. */
  baseline?: Report | string;
  /** Suspects whose script URL, chain or title matches (substring, or glob with *) never fail. */
  ignore?: string[];
}

/** Thrown by expectNoLeaks; `report` holds the whole audit (write it out with toJson/toHtml for the CI log). */
export class LeakAssertionError extends Error {
  constructor(
    message: string,
    readonly report: Report,
    readonly suspects: ReportSuspect[],
  ) {
    super(message);
    this.name = 'LeakAssertionError';
  }
}

function describe(s: ReportSuspect): string {
  const lines = [`  ${s.severity} ${terminalText(s.title, 200)}${s.count > 1 ? ` ×${s.count}` : ''}`];
  if (s.growth) lines.push(`    grows: ${s.growth.values.join(' → ')}`);
  if (s.chain?.length) lines.push(`    kept alive by: ${terminalText(chainText(s.chain), 400)}`);
  if (s.callsite) lines.push(`    ${terminalText(callsiteText(s.callsite, { fullUrl: true }), 300)}`);
  lines.push(`    fix: ${terminalText(s.fix, 300)}`);
  return lines.join('\n');
}

/** Resolves with the report when nothing new at or above `failOn` was found; rejects with a LeakAssertionError otherwise. */
export async function expectNoLeaks(
  page: string | AuditablePage,
  options: ExpectNoLeaksOptions = {},
): Promise<Report> {
  const failOn = options.failOn ?? 'medium';
  if (!(failOn in SEVERITY_ORDER))
    throw new TypeError(`failOn must be info, low, medium or high, got ${failOn}.`);
  const baseline = typeof options.baseline === 'string' ? readReportFile(options.baseline) : options.baseline;
  const report = await audit(page, options);
  const { failing } = gate(report, { failOn, baseline, ignore: options.ignore });
  if (failing.length === 0) return report;
  const iterations = (report.audit?.iterations.length ?? 1) - 1;
  const message = [
    `Leakscope found ${failing.length} leak suspect${failing.length === 1 ? '' : 's'} at ${failOn} or above on ${terminalText(report.page.url, 200)} after ${iterations} iteration${iterations === 1 ? '' : 's'}:`,
    ...failing.map(describe),
  ].join('\n');
  throw new LeakAssertionError(message, report, failing);
}
