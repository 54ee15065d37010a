import { writeFileSync } from 'node:fs';
import { type GateResult, gate } from '../src/report/gate.ts';
import { toHtml } from '../src/report/html.ts';
import { toJson } from '../src/report/json.ts';
import { toMarkdown } from '../src/report/markdown.ts';
import type { Report } from '../src/report/model.ts';
import { parseAuditArgs } from './audit-args.ts';
import { BrowserError, readHook } from './audit-browser.ts';
import { runAudit } from './audit-run.ts';
import { idleScenario, loadScenario, ScenarioError } from './audit-scenario.ts';
import { auditSummary } from './audit-summary.ts';
import { InputError, readReportFile } from './report-file.ts';

export const AUDIT_USAGE = `Usage:
  leakscope audit <url> [--scenario file.mjs] [options]

Opens <url> in Chromium with Leakscope's page hook, then repeats a scenario and watches what grows: counters,
listeners by type, timers, detached DOM trees and leak suspects after each iteration, plus a heap-snapshot diff
(baseline, after the first iteration, after the last). Without --scenario each iteration is an idle period.
A scenario is an ES module exporting async action(page) and back(page), optionally setup(page) (MemLab's convention).

Options:
  --scenario <file.mjs>   what one iteration does
  --iterations <n>        how many times (default 5)
  --settle <ms>           wait after load, and idle period without a scenario (default 500)
  --json <file>           write the report as JSON (leakscope's report format v1)
  --html <file>           write the report as one self-contained HTML page
  --md <file>             write a short Markdown summary
  --fail-on <severity>    exit 1 when a suspect of this severity or above is found (info, low, medium, high)
  --baseline <report>     a report (--json) of an earlier audit: suspects it already had do not fail --fail-on
  --ignore <pattern>      suspects whose script URL, chain or title contains it (or matches it, with * as
                          wildcard) never fail --fail-on; repeatable (third-party code, known noise)
  --headful               show the browser window
  -q, --quiet             no progress on stderr
  --debug                 print the stack of an unexpected error
  -h, --help              this help

Exit codes: 0 done (nothing new at or above --fail-on), 1 new suspects at or above --fail-on, 2 usage, input
(scenario, baseline) or browser error.
Needs Chromium or Chrome (CHROME_PATH, or an installed one) and a built hook (npm run build).
`;

/** `leakscope audit`: 0 ok, 1 when --fail-on matched a new suspect, 2 on usage, input, browser or write errors. */
export async function auditCommand(argv: string[]): Promise<number> {
  const args = parseAuditArgs(argv);
  if (args.help) {
    process.stdout.write(AUDIT_USAGE);
    return 0;
  }
  const log = (line: string) => {
    if (!args.quiet) process.stderr.write(`${line}\n`);
  };
  let report: Report;
  let baseline: Report | null = null;
  try {
    baseline = args.baseline === null ? null : readReportFile(args.baseline);
    const hook = readHook();
    const scenario = args.scenario ? await loadScenario(args.scenario) : idleScenario(args.settleMs);
    report = await runAudit({ ...args, scenario, hook, log });
  } catch (err) {
    const known = err instanceof BrowserError || err instanceof ScenarioError || err instanceof InputError;
    process.stderr.write(
      `leakscope audit: ${known ? err.message : `the audit failed: ${(err as Error).message}`}\n`,
    );
    if (args.debug && !known) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 2;
  }
  process.stdout.write(auditSummary(report));
  const outputs: [string | null, (r: Report) => string][] = [
    [args.json, toJson],
    [args.html, toHtml],
    [args.md, toMarkdown],
  ];
  for (const [file, format] of outputs) {
    if (file === null) continue;
    try {
      writeFileSync(file, format(report));
      log(`Wrote ${file}`);
    } catch (err) {
      process.stderr.write(`leakscope audit: cannot write ${file}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (args.failOn === null) return 0;
  const result = gate(report, { failOn: args.failOn, baseline, ignore: args.ignore });
  process.stdout.write(gateSummary(result, args.failOn));
  return result.failing.length > 0 ? 1 : 0;
}

/** One line on what decided the exit code. */
export function gateSummary(r: GateResult, failOn: string): string {
  const extra = [
    r.known.length ? `${r.known.length} known from the baseline` : '',
    r.ignored.length ? `${r.ignored.length} ignored` : '',
  ].filter(Boolean);
  const verdict = r.failing.length
    ? `fails: ${r.failing.length} new suspect${r.failing.length === 1 ? '' : 's'} at ${failOn} or above`
    : `passes: no new suspect at ${failOn} or above`;
  return `\nGate (--fail-on ${failOn}) ${verdict}${extra.length ? ` (${extra.join(', ')})` : ''}.\n`;
}
