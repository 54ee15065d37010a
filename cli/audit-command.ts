import { writeFileSync } from 'node:fs';
import {
  type GateResult,
  gate,
  type PageFailure,
  type Report,
  reportSet,
  setToHtml,
  setToJson,
  setToMarkdown,
  toHtml,
  toJson,
  toMarkdown,
} from '../src/report/index.ts';
import { type AuditArgs, parseAuditArgs } from './audit-args.ts';
import { BrowserError, readHook } from './audit-browser.ts';
import { runAudit } from './audit-run.ts';
import { idleScenario, loadScenario, type Scenario, ScenarioError } from './audit-scenario.ts';
import { auditSummary } from './audit-summary.ts';
import { gateSummary } from './gate-summary.ts';
import { linkWalkScenario } from './link-walk.ts';
import { InputError, readBaselineReports } from './report-file.ts';
import { terminalText } from './terminal.ts';
import { toolVersion } from './tool-version.ts';
import { readUrlList } from './url-list.ts';

export const AUDIT_USAGE = `Usage:
  leakscope audit <url> [--scenario file.mjs] [options]
  leakscope audit --scenario memlab-scenario.js [options]     (the scenario's url() names the page)
  leakscope audit --urls <list.txt|sitemap.xml> [--concurrency n] [--scenario file.mjs] [options]

Opens <url> in Chromium with Leakscope's page hook, then repeats a scenario and watches what grows: counters,
listeners by type, timers, detached DOM trees and leak suspects after each iteration, plus a heap-snapshot diff
(baseline, after the first iteration, after the last). Without --scenario each iteration follows the next
same-origin link of the page and goes back (a page without links: idle periods; --idle: always idle periods).
A scenario is a module (ES or CommonJS) exporting async action(page) and back(page), optionally setup(page), and
MemLab's url(), cookies(), beforeInitialPage(page) and repeat() (MemLab's convention).

Options:
  --scenario <file.mjs>   what one iteration does
  --iterations <n>        how many times (default 5, or the scenario's repeat() + 1)
  --settle <ms>           wait after load, and the idle period of --idle (default 500)
  --idle                  no scenario: each iteration is an idle period
  --json <file>           write the report as JSON (leakscope's report format v1)
  --html <file>           write the report as one self-contained HTML page
  --md <file>             write a short Markdown summary
  --fail-on <severity>    exit 1 when a suspect of this severity or above is found (info, low, medium, high)
  --urls <file>           audit every page of a list (one URL per line, # comments) or a sitemap.xml; the
                          outputs hold one combined report (each page's report, and the pages that failed)
  --concurrency <n>       with --urls: pages audited at once (default 1)
  --baseline <report>     a report (--json) of an earlier audit: suspects it already had do not fail --fail-on
                          (with --urls, an earlier --urls report: each page against its own)
  --ignore <pattern>      suspects whose script URL, chain or title contains it (or matches it, with * as
                          wildcard) never fail --fail-on; repeatable (third-party code, known noise)
  --headful               show the browser window
  --browser-ws-endpoint <url>
                          audit in a new tab of a running browser (a Chrome started with
                          --remote-debugging-port, browserless, a grid's CDP endpoint): ws://… or http://host:port;
                          only that tab is closed afterwards
  -q, --quiet             no progress on stderr
  --debug                 print the stack of an unexpected error
  -h, --help              this help

Exit codes: 0 done (nothing new at or above --fail-on), 1 new suspects at or above --fail-on, 2 usage, input
(scenario, baseline) or browser error.
Needs Chromium or Chrome (CHROME_PATH, or an installed one) and a built hook (npm run build).
`;

const isKnown = (err: unknown): err is Error =>
  err instanceof BrowserError || err instanceof ScenarioError || err instanceof InputError;

/** Writes each wanted output; false (with a message) when a file cannot be written. */
function writeOutputs(outputs: [string | null, () => string][], log: (line: string) => void): boolean {
  for (const [file, text] of outputs) {
    if (file === null) continue;
    try {
      writeFileSync(file, text());
      log(`Wrote ${file}`);
    } catch (err) {
      process.stderr.write(`leakscope audit: cannot write ${file}: ${(err as Error).message}\n`);
      return false;
    }
  }
  return true;
}

/** Runs `work` over `items`, at most `limit` at a time, results in the items' order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

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
  const fail = (err: unknown) => {
    process.stderr.write(
      `leakscope audit: ${isKnown(err) ? err.message : `the audit failed: ${(err as Error).message}`}\n`,
    );
    if (args.debug && !isKnown(err)) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 2;
  };
  let prepared: { baselines: Report[]; hook: string; scenario: Scenario; urls: string[] | null };
  try {
    prepared = {
      baselines: args.baseline === null ? [] : readBaselineReports(args.baseline),
      hook: readHook(),
      scenario: args.scenario
        ? await loadScenario(args.scenario)
        : args.idle
          ? idleScenario(args.settleMs)
          : linkWalkScenario(args.settleMs),
      urls: args.urls === null ? null : readUrlList(args.urls),
    };
  } catch (err) {
    return fail(err);
  }
  const { baselines, hook, scenario, urls } = prepared;
  const iterations = args.iterations ?? (scenario.repeat !== undefined ? scenario.repeat + 1 : 5);
  if (urls !== null) return auditPages({ ...args, iterations }, urls, { baselines, hook, scenario, log });
  const url = args.url || scenario.url;
  if (!url) {
    process.stderr.write(
      `leakscope audit: Missing the URL to audit: give one, or a scenario with url(). Try "leakscope audit --help".\n`,
    );
    return 2;
  }
  let report: Report;
  try {
    report = await runAudit({ ...args, url, iterations, scenario, hook, log });
  } catch (err) {
    return fail(err);
  }
  process.stdout.write(auditSummary(report));
  const written = writeOutputs(
    [
      [args.json, () => toJson(report)],
      [args.html, () => toHtml(report)],
      [args.md, () => toMarkdown(report)],
    ],
    log,
  );
  if (!written) return 2;
  if (args.failOn === null) return 0;
  // One report as the baseline applies whatever its URL (a port may change between runs); of a set, the page's own.
  const baseline =
    baselines.length === 1 ? baselines[0] : (baselines.find((b) => b.page.url === report.page.url) ?? null);
  const result = gate(report, { failOn: args.failOn, baseline, ignore: args.ignore });
  process.stdout.write(gateSummary(result, args.failOn));
  return result.failing.length > 0 ? 1 : 0;
}

/**
 * `audit --urls`: each page in its own tab (its own Chromium, or a tab of --browser-ws-endpoint's), --concurrency at
 * a time, one combined report. A page that cannot be audited is listed as such and makes the exit code 2.
 */
async function auditPages(
  args: AuditArgs & { iterations: number },
  urls: string[],
  o: { baselines: Report[]; hook: string; scenario: Scenario; log: (line: string) => void },
): Promise<number> {
  const failures: PageFailure[] = [];
  const results = await pool(urls, args.concurrency, async (url, i) => {
    const tag = `[${i + 1}/${urls.length}]`;
    try {
      return await runAudit({
        ...args,
        url,
        scenario: o.scenario,
        hook: o.hook,
        log: (line) => o.log(`${tag} ${line}`),
      });
    } catch (err) {
      const message = isKnown(err) ? err.message : `the audit failed: ${(err as Error).message}`;
      o.log(`${tag} ${url}: ${message}`);
      failures.push({ url, message });
      return null;
    }
  });
  const reports = results.filter((r): r is Report => r !== null);
  const set = reportSet(reports, failures, { createdAt: new Date(), toolVersion: toolVersion() });
  for (const r of reports) process.stdout.write(`${auditSummary(r)}\n`);
  for (const f of failures)
    process.stdout.write(`Not audited: ${terminalText(f.url, 200)}: ${terminalText(f.message, 300)}\n`);
  const written = writeOutputs(
    [
      [args.json, () => setToJson(set)],
      [args.html, () => setToHtml(set)],
      [args.md, () => setToMarkdown(set)],
    ],
    o.log,
  );
  if (!written || failures.length) return 2;
  if (args.failOn === null) return 0;
  const failOn = args.failOn;
  const merged: GateResult = { failing: [], known: [], ignored: [] };
  for (const r of reports) {
    const baseline = o.baselines.find((b) => b.page.url === r.page.url) ?? null;
    const g = gate(r, { failOn, baseline, ignore: args.ignore });
    merged.failing.push(...g.failing);
    merged.known.push(...g.known);
    merged.ignored.push(...g.ignored);
  }
  process.stdout.write(gateSummary(merged, failOn));
  return merged.failing.length > 0 ? 1 : 0;
}
