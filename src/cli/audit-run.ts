/**
 * One audit: load the page with the hook, run the scenario's setup, then N × (action, back), scanning after each
 * step and taking heap snapshots at baseline, after the first iteration and after the last, in one CDP session.
 */

import type { CDPSession } from 'puppeteer-core';
import { CdpError, type CdpTransport } from '../cdp/transport.ts';
import { runAnalysis } from '../heap/pipeline.ts';
import type { AnalysisResult } from '../heap/result.ts';
import { AUDIT_GROWTH_HOPS } from '../live/explorer.ts';
import { scan } from '../live/scan.ts';
import type { ScanResult } from '../live/types.ts';
import { iterationFromScan, reportFromAudit } from '../report/build.ts';
import type { AuditIteration, NamedValue, Report } from '../report/model.ts';
import { findSuspects } from '../suspects/index.ts';
import type { Suspect } from '../suspects/types.ts';
import { launchForAudit } from './audit-browser.ts';
import { openHeapRecorder } from './audit-heap.ts';
import type { Scenario } from './audit-scenario.ts';
import { toolVersion } from './tool-version.ts';

export interface AuditOptions {
  url: string;
  scenario: Scenario;
  iterations: number;
  settleMs: number;
  headful: boolean;
  hook: string;
  log: (line: string) => void;
}

function transportOf(session: CDPSession): CdpTransport {
  return {
    async send<T>(method: string, params?: Record<string, unknown>): Promise<T> {
      try {
        return (await session.send(method as 'Runtime.evaluate', params as never)) as T;
      } catch (e) {
        throw new CdpError(method, null, e instanceof Error ? e.message : String(e));
      }
    },
    // The scan reads the page's scripts from the Debugger's replayed scriptParsed events.
    onEvent(listener) {
      const h = (params: unknown) => listener('Debugger.scriptParsed', params);
      session.on('Debugger.scriptParsed', h);
      return () => session.off('Debugger.scriptParsed', h);
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Measures named steps; several calls with the same name add up. */
class Stopwatch {
  readonly totals = new Map<string, number>();
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

export async function runAudit(o: AuditOptions): Promise<Report> {
  const t0 = performance.now();
  const clock = new Stopwatch();
  o.log('Starting Chromium…');
  const b = await clock.time('browser start', () => launchForAudit({ headful: o.headful, hook: o.hook }));
  try {
    const { page } = b;
    o.log(`Loading ${o.url}…`);
    await clock.time('page load', async () => {
      await page.goto(o.url, { waitUntil: 'load', timeout: 30_000 });
      await o.scenario.setup(page);
      await sleep(o.settleMs);
    });
    const transport = transportOf(await page.createCDPSession());
    const heap = await openHeapRecorder(page);
    const iterations: AuditIteration[] = [];
    let last: { scan: ScanResult; suspects: Suspect[] } | null = null;
    // The growth rules compare each scan with the ones before it, as the panel does (the last three).
    let history: ScanResult[] = [];
    const measure = async (index: number) => {
      const result = await clock.time('scans', () => scan(transport, { growthHops: AUDIT_GROWTH_HOPS }));
      const suspects = findSuspects(result, undefined, history);
      history = [...history, result].slice(-3);
      iterations.push(iterationFromScan(index, result, suspects));
      last = { scan: result, suspects };
    };
    // Leakscope's own first-scan allocations must not land between the baseline and iteration 1: the first scan
    // creates its isolated world (~158 kB of JS heap on Chromium 156) and compiles and caches its page functions
    // (~96 kB); later scans add ~0. One scan before the baseline, discarded, takes that cost out of the series.
    await clock.time('warm-up', () => scan(transport, { growthHops: AUDIT_GROWTH_HOPS }));
    await measure(0);
    const baseline = await clock.time('snapshots', () => heap.take('baseline'));
    let target = baseline;
    let final = baseline;
    for (let i = 1; i <= o.iterations; i++) {
      o.log(`Iteration ${i}/${o.iterations}: ${o.scenario.name}`);
      await clock.time('actions', async () => {
        await o.scenario.action(page);
        await o.scenario.back(page);
        await sleep(o.scenario.name.startsWith('idle') ? 0 : Math.min(o.settleMs, 200));
      });
      await measure(i);
      if (i === 1) target = await clock.time('snapshots', () => heap.take('target'));
      if (i === o.iterations)
        final = i === 1 ? target : await clock.time('snapshots', () => heap.take('final'));
    }
    await heap.close();
    o.log('Analysing the heap snapshots…');
    const analysis: AnalysisResult = await clock.time('analysis', () =>
      runAnalysis(final === target ? { baseline, target } : { baseline, target, final }),
    );
    const { scan: lastScan, suspects } = last!;
    const timings = [...clock.list(), { name: 'total', value: Math.round(performance.now() - t0) }];
    return reportFromAudit({
      meta: {
        url: page.url(),
        title: await page.title(),
        browser: await b.browser.version(),
        createdAt: new Date(),
        toolVersion: toolVersion(),
      },
      scenario: o.scenario.name,
      iterations,
      suspects,
      heap: analysis,
      metrics: lastScan.metrics,
      timings,
      notes: lastScan.notes,
    });
  } finally {
    await b.close();
  }
}
