/**
 * Scan in the real DevTools panel, over chrome.debugger: wall time as the user sees it, the panel's longest
 * main-thread task (PerformanceObserver 'longtask'), and the inspected page's frame rate while the scan runs.
 * Uses the live-scan benchmark's generated pages (bench/scan-page.ts). Prints a Markdown table.
 * Run: npm run bench:panel (builds first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { serveFixtures } from '../scripts/serve.ts';
import { launch, showPanel } from '../tests/e2e/harness.ts';
import { generatePage, type PageSize } from './scan-page.ts';

const SIZES: PageSize[] = [
  { objects: 12_500, closures: 1_250, listeners: 250, trees: 20 },
  { objects: 50_000, closures: 5_000, listeners: 1_000, trees: 20 },
];
const RUNS = 3;
const out = join(import.meta.dirname, 'out', 'panel-scan');

interface Run {
  ms: number;
  longestTask: number;
  longTasks: number;
  fps: number;
  longestFrameGap: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  mkdirSync(out, { recursive: true });
  const server = await serveFixtures(out);
  const session = await launch();
  const rows: { size: PageSize; runs: Run[] }[] = [];
  try {
    for (const size of SIZES) {
      const name = `page-${size.objects}.html`;
      writeFileSync(join(out, name), generatePage(size));
      const page = await session.browser.newPage();
      await page.goto(server.url(name), { waitUntil: 'load' });
      const { panel } = await showPanel(session, page);
      await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
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
          return { start, end, tasks };
        })()`)) as { start: number; end: number; tasks: number[] };
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
        });
      }
      rows.push({ size, runs });
      await page.close();
    }
  } finally {
    await session.close();
    await server.close();
  }
  const [l1, l5] = loadavg();
  console.log(
    `Scan in the real panel (chrome.debugger), Chromium headless, ${RUNS} runs each, load ${l1.toFixed(1)}/${l5.toFixed(1)}\n`,
  );
  console.log(
    '| objects | closures | listeners | scan, median (panel wall time) | panel longest task | panel long tasks | page fps during scan | page longest frame gap |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { size, runs } of rows) {
    const f = (k: keyof Run) => median(runs.map((r) => r[k]));
    console.log(
      `| ${size.objects.toLocaleString('en-US')} | ${size.closures.toLocaleString('en-US')} | ${size.listeners.toLocaleString('en-US')} | ${Math.round(f('ms'))} ms | ${Math.round(f('longestTask'))} ms | ${f('longTasks')} | ${f('fps').toFixed(0)} | ${Math.round(f('longestFrameGap'))} ms |`,
    );
  }
}

await main();
