/**
 * One audit: load the page with the hook, run the scenario's setup, then N × (action, back), scanning after each
 * step and taking heap snapshots at baseline, after the first iteration and after the last, in one CDP session.
 */

import { type AuditState, markIteration, startAudit } from '../src/audit/index.ts';
import { type AnalysisResult, LeakFilterError, runAnalysis } from '../src/heap/index.ts';
import { AUDIT_GROWTH_HOPS, type ScanResult } from '../src/live/index.ts';
import { HISTORY_LENGTH, measure } from '../src/measure.ts';
import { recordFromStartScript } from '../src/protocol/index.ts';
import { type NamedValue, type Report, reportFromAudit } from '../src/report/index.ts';
import { addOriginalPositions, CallsiteMaps } from '../src/sourcemap/index.ts';
import type { Suspect } from '../src/suspects/index.ts';
import { connectForAudit, launchForAudit } from './audit-browser.ts';
import { type HeapRecorder, openHeapRecorder } from './audit-heap.ts';
import { type Scenario, ScenarioError } from './audit-scenario.ts';
import { type PageDriver, transportOf } from './page-driver.ts';
import { toolVersion } from './tool-version.ts';

export interface AuditOptions {
  scenario: Scenario;
  iterations: number;
  settleMs: number;
  /** The built page hook's source (readHook()). */
  hook: string;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Measures named steps; several calls with the same name add up. */
class Stopwatch {
  readonly totals: Map<string, number>;
  /** Time spent before this stopwatch started (e.g. the browser's start), counted in the total. */
  readonly before: number;
  constructor(earlier: NamedValue[] = []) {
    this.totals = new Map(earlier.map((t) => [t.name, t.value]));
    this.before = earlier.reduce((n, t) => n + t.value, 0);
  }
  async time<T>(name: string, f: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      this.totals.set(name, (this.totals.get(name) ?? 0) + performance.now() - t0);
    }
  }
  list(): NamedValue[] {
    return [...this.totals].map(([name, value]) => ({ name, value: Math.round(value) }));
  }
}

/**
 * `leakscope audit <url>`: a Chromium of its own, closed at the end — or a tab in a running browser
 * (`browserEndpoint`), of which only that tab is closed.
 */
export async function runAudit(
  o: AuditOptions & { url: string; headful: boolean; browserEndpoint?: string | null },
): Promise<Report> {
  const t0 = performance.now();
  o.log(o.browserEndpoint ? `Connecting to ${o.browserEndpoint}…` : 'Starting Chromium…');
  const b = o.browserEndpoint
    ? await connectForAudit(o.browserEndpoint)
    : await launchForAudit({ headful: o.headful });
  const startMs = performance.now() - t0;
  try {
    return await auditPage(b.driver, o.url, o, [{ name: 'browser start', value: Math.round(startMs) }]);
  } finally {
    await b.close();
  }
}

/**
 * An audit of a page the caller drives (puppeteer or Playwright): the hook goes in as an init script, then the page
 * is loaded at `url`, so the hook sees every registration from the page's first script on.
 */
export async function auditPage(
  driver: PageDriver,
  url: string,
  o: AuditOptions,
  before: NamedValue[] = [],
): Promise<Report> {
  const t0 = performance.now();
  const clock = new Stopwatch(before);
  const page = driver.page;
  // The hook goes in through Leakscope's own CDP session, so it is gone for the caller's later navigations once the
  // session detaches: the page is only changed while it is audited. A session's scripts run only while its Page
  // domain is enabled (Chromium 156: without Page.enable they are accepted and never run).
  const session = await driver.cdpSession();
  await session.send('Page.enable');
  for (const source of [recordFromStartScript(), o.hook])
    await session.send('Page.addScriptToEvaluateOnNewDocument', { source });
  if (o.scenario.cookies?.length)
    await session.send('Network.setCookies', {
      cookies: o.scenario.cookies.map((c) => (c.url || c.domain ? c : { ...c, url })),
    });
  await o.scenario.beforeInitialPage(page);
  o.log(`Loading ${url}…`);
  let heap: HeapRecorder | null = null;
  try {
    await clock.time('page load', async () => {
      await driver.goto(url);
      await o.scenario.setup(page);
      await sleep(o.settleMs);
    });
    const snapshots = await openHeapRecorder(driver);
    heap = snapshots;
    const transport = transportOf(session);
    let audit = { kind: 'off' } as AuditState; // set by measureAt (a closure: no narrowing here)
    let last: { scan: ScanResult; suspects: Suspect[] } | null = null;
    // The growth rules compare each scan with the ones before it, as the panel does (the last three).
    let history: ScanResult[] = [];
    // Callsites get their script's URL, and the report's suspects their original position where a map says.
    const maps = new CallsiteMaps(transport);
    const measureAt = async (first: boolean) => {
      const {
        result: scanned,
        suspects,
        scripts,
        heapUsed,
      } = await clock.time('scans', async () => {
        const heapUsed = await snapshots.collect();
        return { ...(await measure(transport, { growthHops: AUDIT_GROWTH_HOPS }, history)), heapUsed };
      });
      // The series' JS heap is the recorder's reading (precise GC, Leakscope's page code counted once), not the
      // scan's: that one swung by the 14–30 kB of compiled page code V8 keeps cached, or not, between GCs.
      const result = { ...scanned, metrics: { ...scanned.metrics, JSHeapUsedSize: heapUsed } };
      maps.learn(scripts);
      history = [...history, result].slice(-HISTORY_LENGTH);
      // The same state changes as the panel's Start audit and Mark iteration.
      audit = first
        ? startAudit({ result, suspects }, Date.now())
        : markIteration(audit, { result, suspects }, Date.now());
      last = { scan: result, suspects };
    };
    // Leakscope's own first-scan allocations must not land between the baseline and iteration 1: the first scan
    // creates its isolated world (~158 kB of JS heap on Chromium 156) and compiles and caches its page functions
    // (~96 kB); later scans add ~0. One measurement before the baseline, discarded, takes that cost out of the
    // series — the first Debugger.enable of the script-URL lookup included (~3 kB).
    await clock.time('warm-up', () => measure(transport, { growthHops: AUDIT_GROWTH_HOPS }));
    await measureAt(true);
    const baseline = await clock.time('snapshots', () => snapshots.take('baseline'));
    let target = baseline;
    let final = baseline;
    for (let i = 1; i <= o.iterations; i++) {
      o.log(`Iteration ${i}/${o.iterations}: ${o.scenario.name}`);
      await clock.time('actions', async () => {
        await o.scenario.action(page);
        await o.scenario.back(page);
        await sleep(o.scenario.selfTimed ? 0 : Math.min(o.settleMs, 200));
      });
      await measureAt(false);
      if (i === 1) target = await clock.time('snapshots', () => snapshots.take('target'));
      if (i === o.iterations)
        final = i === 1 ? target : await clock.time('snapshots', () => snapshots.take('final'));
    }
    o.log('Analysing the heap snapshots…');
    const analysis: AnalysisResult = await clock.time('analysis', () =>
      runAnalysis(final === target ? { baseline, target } : { baseline, target, final }, {
        leakFilter: o.scenario.leakFilter,
      }).catch((err: unknown) => {
        // The user's filter threw: a scenario error (exit 2, one line), not a crash.
        throw err instanceof LeakFilterError ? new ScenarioError(err.message) : err;
      }),
    );
    const { scan: lastScan, suspects } = last!;
    const total = clock.before + performance.now() - t0;
    const timings = [...clock.list(), { name: 'total', value: Math.round(total) }];
    const report = reportFromAudit({
      meta: {
        url: driver.url(),
        title: await driver.title(),
        browser: await driver.browserVersion(),
        createdAt: new Date(),
        toolVersion: toolVersion(),
      },
      scenario: o.scenario.name,
      iterations: audit.kind === 'off' ? [] : audit.iterations,
      suspects,
      heap: analysis,
      metrics: lastScan.metrics,
      timings,
      notes: [...(o.scenario.notes ?? []), ...lastScan.notes],
    });
    await addOriginalPositions(report, maps);
    return report;
  } finally {
    // The caller's page stays theirs: Leakscope's sessions go, the page is left as the scenario left it.
    await heap?.close();
    await session.detach().catch(() => {});
  }
}
