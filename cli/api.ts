/** The API's functions over the core: audit, one scan, snapshot analysis (index.ts is the package's entry). */

import { type AnalysisResult, type PipelineOptions, runAnalysis } from '../src/heap/index.ts';
import { type ScanOptions, type ScanResult, scan as scanPage } from '../src/live/index.ts';
import { type Report, reportFromHeap } from '../src/report/index.ts';
import { readHook } from './audit-browser.ts';
import { auditPage, runAudit } from './audit-run.ts';
import {
  idleScenario,
  loadScenario,
  type Scenario,
  type ScenarioSteps,
  scenarioOf,
} from './audit-scenario.ts';
import { fileSource } from './file-source.ts';
import { linkWalkScenario } from './link-walk.ts';
import { type AuditablePage, driverFor, transportOf } from './page-driver.ts';
import { toolVersion } from './tool-version.ts';

export interface AuditOptions {
  /** Where to load the page. Default for a page: the URL it is on (it is reloaded with the hook in place). */
  url?: string;
  /** What one iteration does: functions, or the path of a scenario module (MemLab's convention). */
  scenario?: ScenarioSteps | string;
  /** Shorthand for `scenario: { setup, action, back }`. */
  setup?: ScenarioSteps['setup'];
  action?: ScenarioSteps['action'];
  back?: ScenarioSteps['back'];
  /** With no scenario: idle periods, instead of the default walk over the page's same-origin links. */
  idle?: boolean;
  /** How many times the scenario runs (default 5, or a scenario module's repeat() + 1). */
  iterations?: number;
  /** Wait after load, and the idle period when there is no action (default 500 ms). */
  settleMs?: number;
  /** For a URL: show the browser window. */
  headful?: boolean;
  /** For a URL: audit in a new tab of this running browser (ws://… or http://host:port) instead of launching one. */
  browserWSEndpoint?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** An option out of range or a page Leakscope cannot drive. */
export class LeakscopeUsageError extends Error {}

async function scenarioFrom(o: AuditOptions, settleMs: number): Promise<Scenario> {
  if (typeof o.scenario === 'string') return loadScenario(o.scenario);
  if (o.scenario) return scenarioOf(o.scenario);
  if (o.action) return scenarioOf({ setup: o.setup, action: o.action, back: o.back });
  return o.idle ? idleScenario(settleMs) : linkWalkScenario(settleMs);
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new LeakscopeUsageError(`${name} must be a whole number ≥ ${min}, got ${String(value)}.`);
  return n;
}

/**
 * Audits a page: loads it with Leakscope's page hook, repeats the scenario, scans after each iteration and diffs heap
 * snapshots (baseline, after the first iteration, after the last). `target` is a URL (Chromium is started and closed
 * here), a puppeteer Page or a Playwright Page (Chromium; the page is left open).
 */
export async function audit(target: string | AuditablePage, options: AuditOptions = {}): Promise<Report> {
  const settleMs = count('settleMs', options.settleMs, 500, 0);
  const scenario = await scenarioFrom(options, settleMs);
  const iterations = count(
    'iterations',
    options.iterations,
    scenario.repeat !== undefined ? scenario.repeat + 1 : 5,
    1,
  );
  const common = { scenario, iterations, settleMs, hook: readHook(), log: options.log ?? (() => {}) };
  if (typeof target === 'string') {
    if (!/^(https?|file):/i.test(target))
      throw new LeakscopeUsageError(`The URL must start with http:, https: or file: (got "${target}").`);
    return runAudit({
      ...common,
      url: target,
      headful: options.headful ?? false,
      browserEndpoint: options.browserWSEndpoint ?? null,
    });
  }
  const driver = driverFor(target);
  const url = options.url ?? scenario.url ?? driver.url();
  if (!/^(https?|file):/i.test(url))
    throw new LeakscopeUsageError(
      `The page is on "${url}": pass options.url, or open the page you want audited first.`,
    );
  return auditPage(driver, url, common);
}

/**
 * One live scan of a page as it is now (no reload, no hook needed — with the hook, timers and callsites are richer):
 * detached DOM, listeners, timers, globals and their retainer chains. Give its result to findSuspects().
 */
export async function scan(page: AuditablePage, options?: ScanOptions): Promise<ScanResult> {
  const session = await driverFor(page).cdpSession();
  try {
    return await scanPage(transportOf(session), options);
  } finally {
    await session.detach().catch(() => {});
  }
}

/** Heap snapshot files to analyse: one, or a baseline/target(/final) series for a diff. */
export type SnapshotFiles = string | { baseline: string; target: string; final?: string };

/**
 * Analyses `.heapsnapshot` files (Memory panel, `node --heapsnapshot-signal`, `v8.writeHeapSnapshot`): the engine's
 * full result and the report `leakscope analyze --json` writes. Rejects with a clear message on a bad file.
 */
export async function analyzeSnapshot(
  files: SnapshotFiles,
  options: Pick<PipelineOptions, 'signal' | 'maxBytes' | 'onProgress'> = {},
): Promise<{ analysis: AnalysisResult; report: Report }> {
  const input =
    typeof files === 'string'
      ? { snapshot: fileSource(files) }
      : {
          baseline: fileSource(files.baseline),
          target: fileSource(files.target),
          ...(files.final ? { final: fileSource(files.final) } : {}),
        };
  const analysis = await runAnalysis(input, options);
  const names = typeof files === 'string' ? [files] : [files.baseline, files.target, files.final ?? ''];
  const report = reportFromHeap(
    {
      url: '',
      title: names.filter(Boolean).join(', '),
      browser: '',
      createdAt: new Date(),
      toolVersion: toolVersion(),
    },
    analysis,
  );
  return { analysis, report };
}
