import { writeFileSync } from 'node:fs';
import { toHtml } from '../src/report/html.ts';
import { toJson } from '../src/report/json.ts';
import { toMarkdown } from '../src/report/markdown.ts';
import type { Report } from '../src/report/model.ts';
import { suspectsAtOrAbove } from './api.ts';
import { parseAuditArgs } from './audit-args.ts';
import { BrowserError, readHook } from './audit-browser.ts';
import { runAudit } from './audit-run.ts';
import { idleScenario, loadScenario, ScenarioError } from './audit-scenario.ts';
import { auditSummary } from './audit-summary.ts';

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
  --headful               show the browser window
  -q, --quiet             no progress on stderr
  -h, --help              this help

Exit codes: 0 done (nothing at or above --fail-on), 1 suspects at or above --fail-on, 2 usage or browser error.
Needs Chromium or Chrome (CHROME_PATH, or an installed one) and a built hook (npm run build).
`;

/** `leakscope audit`: 0 ok, 1 when --fail-on matched, 2 on usage, scenario, browser or write errors. */
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
  try {
    const hook = readHook();
    const scenario = args.scenario ? await loadScenario(args.scenario) : idleScenario(args.settleMs);
    report = await runAudit({ ...args, scenario, hook, log });
  } catch (err) {
    const known = err instanceof BrowserError || err instanceof ScenarioError;
    process.stderr.write(
      `leakscope audit: ${known ? err.message : `the audit failed: ${(err as Error).message}`}\n`,
    );
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
  return args.failOn !== null && suspectsAtOrAbove(report, args.failOn).length > 0 ? 1 : 0;
}
