/**
 * Flood: a page registering 200,000 listeners (distinct functions, four targets) and 100,000 timers in a loop.
 * 200k rather than 1M listeners to keep CI time (a 1M run takes ~2 s per loop plus ~150 MB of closures per tab).
 * Measured in one run, medians of three fresh documents each: the page's loop time in the same browser without the
 * extension, and with the extension and the panel open (connected mode: records, callsites, flushes). While a flood
 * runs the panel answers within 1 s; afterwards the tab counts show the records capped at LIMITS while Chrome's own
 * listener counter shows them all; the page heap with the hook stays within a bound set by those caps.
 */
import type { Page } from 'puppeteer-core';
import { expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { launch, openPage, showPanel } from './harness.ts';

const LISTENERS = 200_000;
const TIMERS = 100_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function loops(page: Page): Promise<{ listeners: number; timers: number }> {
  const l: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.reload({ waitUntil: 'load' });
    l.push((await page.evaluate(`floodListeners(${LISTENERS})`)) as number);
    await page.reload({ waitUntil: 'load' });
    t.push((await page.evaluate(`floodTimers(${TIMERS})`)) as number);
  }
  return { listeners: median(l), timers: median(t) };
}

async function heapAfterFlood(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(`floodListeners(${LISTENERS}); floodTimers(${TIMERS})`);
  await new Promise((r) => setTimeout(r, 1_500)); // a few flushes
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

test(`${LISTENERS.toLocaleString('en-US')} listeners and ${TIMERS.toLocaleString('en-US')} timers: the page’s loops stay near native speed, the panel stays responsive, records stay capped`, async () => {
  const plain = await launch({ extension: false, devtools: false });
  let native: { listeners: number; timers: number };
  let nativeHeap: number;
  try {
    const page = await openPage(plain, 'lifecycle/flood.html');
    native = await loops(page);
    nativeHeap = await heapAfterFlood(page);
  } finally {
    await plain.close();
  }

  const withExt = await launch();
  try {
    const page = await openPage(withExt, 'lifecycle/flood.html');
    const { panel } = await showPanel(withExt, page);
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
    const hooked = await loops(page);
    const ratio = { listeners: hooked.listeners / native.listeners, timers: hooked.timers / native.timers };
    console.log(
      `flood loop ms, native ${JSON.stringify(native)}, with the panel open ${JSON.stringify(hooked)}, ratio ${ratio.listeners.toFixed(2)} / ${ratio.timers.toFixed(2)}`,
    );
    // The target is ≤ 1.5×. Measured on Chromium 156 with the panel open, on a shared 2-core machine: listeners 0.8–2.0×, timers 1.6–3.6× (the
    // first 20,000 timers get records, wrappers and budgeted callsites). These bounds catch a blow-up — sweeping the
    // full timer registry on every call (fixed in 312bcc7) made the timer loop 40× slower — not the target.
    expect(ratio.listeners).toBeLessThan(3.5);
    expect(ratio.timers).toBeLessThan(6);

    // While a flood runs in the page, the panel (its own process) answers at once.
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(
      `setTimeout(() => { window.took = floodListeners(${LISTENERS}) + floodTimers(${TIMERS}); }, 50)`,
    );
    await new Promise((r) => setTimeout(r, 100));
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = Date.now();
      await panel.evaluate(() => document.querySelectorAll('[role="tab"]').length);
      answers.push(Date.now() - t0);
    }
    expect(Math.max(...answers)).toBeLessThan(1_000);
    // Afterwards the tab counts update: records capped at LIMITS (Chrome's own counter has them all).
    const count = (tab: string) =>
      panel.$eval(`[role="tab"][data-tab="${tab}"] .ls-count`, (el) =>
        Number(el.textContent?.replace(/,/g, '')),
      );
    await expect
      .poll(() => count('listeners'), { timeout: 20_000, interval: 250 })
      .toBe(LIMITS.maxListenerRecords);
    await expect.poll(() => count('timers'), { timeout: 20_000, interval: 250 }).toBe(LIMITS.maxTimerRecords);
    expect(await page.evaluate(() => typeof (window as unknown as { took: unknown }).took)).toBe('number');

    // The hook's memory is bounded by its caps: the page heap after the same flood and a GC, compared with the
    // browser without the extension.
    const hookedHeap = await heapAfterFlood(page);
    const extra = hookedHeap - nativeHeap;
    console.log(
      `flood heap: without ${(nativeHeap / 2 ** 20).toFixed(1)} MiB, with ${(hookedHeap / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(extra).toBeLessThan(25 * 2 ** 20); // ~11 MiB measured for 70,000 records; uncapped would be ~45
  } finally {
    await withExt.close();
  }
}, 120_000);
