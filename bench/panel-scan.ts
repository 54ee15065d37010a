/**
 * Scan in the real DevTools panel, over chrome.debugger: wall time as the user sees it, the panel's longest
 * main-thread task (PerformanceObserver 'longtask'), and the inspected page's frame rate while the scan runs.
 * Uses the live-scan benchmark's generated pages (bench/scan-page.ts). Prints a Markdown table.
 * Run: npm run bench:panel (builds first). `--profile` adds one more scan per size with every chrome.debugger command
 * timed inside the panel (calls, wall time with one in flight, KB returned, per method and page function);
 * PANEL_SIZES=50000,100000 and PANEL_RUNS=5 pick sizes and runs. Each panel scan is interleaved with the snapshot route on
 * the same page (bench/snapshot-route.ts: a trusted takeHeapSnapshot + leakscope analyze's analysis), with the ratio.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { serveFixtures } from '../scripts/serve.ts';
import { launch, showPanel } from '../tests/e2e/harness.ts';
import { generatePage, type PageSize } from './scan-page.ts';
import { snapshotRoute } from './snapshot-route.ts';

const SIZES: PageSize[] = [
  { objects: 12_500, closures: 1_250, listeners: 250, trees: 20 },
  { objects: 25_000, closures: 2_500, listeners: 500, trees: 20 },
  { objects: 50_000, closures: 5_000, listeners: 1_000, trees: 20 },
  { objects: 100_000, closures: 10_000, listeners: 2_000, trees: 20 },
].filter((s) => !process.env.PANEL_SIZES || process.env.PANEL_SIZES.split(',').includes(String(s.objects)));
const RUNS = Number(process.env.PANEL_RUNS ?? 3);
/** `--profile`: one extra run per size with every chrome.debugger command timed in the panel (not in the table). */
const PROFILE = process.argv.includes('--profile');
const out = join(import.meta.dirname, 'out', 'panel-scan');

interface Run {
  ms: number;
  longestTask: number;
  longTasks: number;
  fps: number;
  longestFrameGap: number;
  /** The scan summary did not say it stopped at a budget: every target's chain search ran to the end. */
  complete: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const loadStart = loadavg();
  mkdirSync(out, { recursive: true });
  const server = await serveFixtures(out);
  const session = await launch();
  const rows: { size: PageSize; runs: Run[]; snapMs: number[] }[] = [];
  const profiles: { size: PageSize; lines: string[] }[] = [];
  try {
    for (const size of SIZES) {
      const name = `page-${size.objects}.html`;
      writeFileSync(join(out, name), generatePage(size));
      const page = await session.browser.newPage();
      await page.goto(server.url(name), { waitUntil: 'load' });
      const { panel } = await showPanel(session, page);
      await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
      const runs: Run[] = [];
      const snapMs: number[] = [];
      await snapshotRoute(page); // warm-up, as the panel's first scan below is not one
      for (let i = 0; i < RUNS; i++) {
        // The snapshot route on the same page, interleaved: a trusted CDP session of the test beside the panel's
        // chrome.debugger one, then leakscope analyze's analysis in this process.
        snapMs.push((await snapshotRoute(page)).ms);
        await new Promise((resolve) => setTimeout(resolve, 300));
        // Source text, not functions: tsx's __name helper would not exist in the page.
        await page.evaluate(`(() => {
          window.__frames = [];
          window.__stop = false;
          const tick = () => {
            window.__frames.push(Date.now());
            if (!window.__stop) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })()`);
        const timing = (await panel.evaluate(`(async () => {
          const tasks = [];
          const observer = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) tasks.push(e.duration);
          });
          observer.observe({ type: 'longtask', buffered: false });
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Scan');
          const before = document.querySelector('[data-testid="scan-summary"]')?.textContent ?? null;
          const start = Date.now();
          button.click();
          await new Promise((resolve) => {
            const poll = () => {
              const now = document.querySelector('[data-testid="scan-summary"], [data-testid="scan-error"]');
              if (now && document.querySelector('.ls-progress') === null && now.textContent !== before) resolve();
              else setTimeout(poll, 10);
            };
            setTimeout(poll, 50);
          });
          const end = Date.now();
          observer.disconnect();
          const summary = document.querySelector('[data-testid="scan-summary"]')?.textContent ?? '';
          return { start, end, tasks, summary };
        })()`)) as { start: number; end: number; tasks: number[]; summary: string };
        const frames = (await page.evaluate(
          `(() => { window.__stop = true; return window.__frames; })()`,
        )) as number[];
        const during = frames.filter((t) => t >= timing.start && t <= timing.end);
        let gap = 0;
        for (let k = 1; k < during.length; k++) gap = Math.max(gap, during[k] - during[k - 1]);
        const ms = timing.end - timing.start;
        runs.push({
          ms,
          longestTask: Math.max(0, ...timing.tasks),
          longTasks: timing.tasks.length,
          fps: (during.length / ms) * 1000,
          longestFrameGap: gap,
          complete: timing.summary !== '' && !timing.summary.includes('stopped at'),
        });
      }
      if (PROFILE) profiles.push({ size, lines: await profileOne(panel) });
      rows.push({ size, runs, snapMs });
      await page.close();
    }
  } finally {
    await session.close();
    await server.close();
  }
  for (const { size, lines } of profiles) {
    console.log(`\nProfile, ${size.objects.toLocaleString('en-US')} objects:`);
    console.log(lines.join('\n'));
  }
  const [l1, l5] = loadavg();
  const atStart = `${loadStart[0].toFixed(1)}/${loadStart[1].toFixed(1)}`;
  console.log(
    `Scan in the real panel (chrome.debugger), Chromium headless, ${RUNS} runs each, load average (1/5 min) ${atStart} at the start, ${l1.toFixed(1)}/${l5.toFixed(1)} at the end\n`,
  );
  console.log(
    '| objects | closures | listeners | scan, median (panel wall time) | fastest | snapshot route, median | scan ÷ snapshot | panel longest task | panel long tasks | page fps during scan | page longest frame gap | searches complete |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { size, runs, snapMs } of rows) {
    const f = (k: Exclude<keyof Run, 'complete'>) => median(runs.map((r) => r[k]));
    console.log(
      `| ${size.objects.toLocaleString('en-US')} | ${size.closures.toLocaleString('en-US')} | ${size.listeners.toLocaleString('en-US')} | ${Math.round(f('ms'))} ms | ${Math.round(Math.min(...runs.map((r) => r.ms)))} ms | ${Math.round(median(snapMs))} ms | ${(f('ms') / median(snapMs)).toFixed(2)}× | ${Math.round(f('longestTask'))} ms | ${f('longTasks')} | ${f('fps').toFixed(0)} | ${Math.round(f('longestFrameGap'))} ms | ${runs.filter((r) => r.complete).length}/${runs.length} |`,
    );
  }
}

/** One scan with every chrome.debugger command logged in the panel: time in flight and result size per kind. */
async function profileOne(panel: Frame): Promise<string[]> {
  const log = (await panel.evaluate(`(async () => {
    const d = chrome.debugger;
    if (!window.__origSend) window.__origSend = d.sendCommand.bind(d);
    const orig = window.__origSend;
    const log = [];
    d.sendCommand = (t, m, p) => {
      const t0 = performance.now();
      let kind = m;
      if (m === 'Runtime.callFunctionOn') kind += ' ' + (p.functionDeclaration || '').replace(/\\s+/g, ' ').slice(0, 28);
      return orig(t, m, p).then((r) => {
        const t1 = performance.now();
        let k = kind;
        if (m === 'Runtime.getProperties') k += r && r.result && r.result.length > 50 ? ' (classify)' : ' (internal)';
        log.push([k, t0, t1, JSON.stringify(r ?? null).length]);
        return r;
      });
    };
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Scan');
    const before = document.querySelector('[data-testid="scan-summary"]')?.textContent ?? null;
    const start = performance.now();
    button.click();
    await new Promise((resolve) => {
      const poll = () => {
        const now = document.querySelector('[data-testid="scan-summary"], [data-testid="scan-error"]');
        if (now && document.querySelector('.ls-progress') === null && now.textContent !== before) resolve();
        else setTimeout(poll, 10);
      };
      setTimeout(poll, 50);
    });
    const end = performance.now();
    d.sendCommand = orig;
    return { start, end, log };
  })()`)) as { start: number; end: number; log: Array<[string, number, number, number]> };
  const by = new Map<
    string,
    { n: number; busy: Array<[number, number]>; bytes: number; first: number; last: number }
  >();
  for (const [k, t0, t1, bytes] of log.log) {
    const e = by.get(k) ?? { n: 0, busy: [], bytes: 0, first: t0, last: t1 };
    e.n++;
    e.busy.push([t0, t1]);
    e.bytes += bytes;
    e.first = Math.min(e.first, t0);
    e.last = Math.max(e.last, t1);
    by.set(k, e);
  }
  // Wall time with at least one call of that kind in flight (union of intervals).
  const union = (xs: Array<[number, number]>) => {
    xs.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [s, e] = [-1, -1];
    for (const [a, b] of xs) {
      if (a > e) {
        total += e - s;
        [s, e] = [a, b];
      } else e = Math.max(e, b);
    }
    return total + (e - s);
  };
  const lines = [
    `total ${Math.round(log.end - log.start)} ms, ${log.log.length} commands`,
    '| command | calls | in flight (wall) | KB returned |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [k, e] of [...by].sort((a, b) => union(b[1].busy) - union(a[1].busy))) {
    lines.push(`| ${k} | ${e.n} | ${Math.round(union(e.busy))} ms | ${Math.round(e.bytes / 1024)} |`);
  }
  const all = log.log.map(([, a, b]) => [a, b] as [number, number]);
  lines.push(`| any command in flight | ${log.log.length} | ${Math.round(union(all))} ms | |`);
  return lines;
}

await main();
