/**
 * Flood: a page registering 1,000,000 listeners (distinct functions, four targets), then 100,000 timeouts and
 * 100,000 intervals in a loop, once in Chromium without the extension and once with it and the real panel open
 * (connected: records, callsites, flushes). Past the detail caps the hook counts on its light path: the panel's
 * counters show the exact totals with a note on how many are tracked in detail, the Listeners and Timers tabs hold
 * exactly LIMITS records, the panel answers while the flood runs, the loops stay within a loose bound of their
 * native time (the 1.5× target is measured by `npm run bench:hook`, whose interleaved medians a noisy CI machine
 * cannot give in one run), and the page heap with the hook stays within a fixed margin of the native heap.
 */
import type { Frame, Page } from 'puppeteer-core';
import { expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { launch, openPage, showPanel } from './harness.ts';

const LISTENERS = 1_000_000;
const TIMERS = 100_000;
const HEAP_MARGIN = 60 * 2 ** 20;

interface Loops {
  listeners: number;
  timeouts: number;
  intervals: number;
}

const FLOOD = `window.took = { listeners: floodListeners(${LISTENERS}), timeouts: floodTimeouts(${TIMERS}), intervals: floodIntervals(${TIMERS}) }`;

/**
 * The timer loops timed alone, in a fresh document: after a million listeners a major GC of the grown heap can
 * fall into them (in either browser), which says nothing about the wrappers.
 */
async function timerLoops(page: Page): Promise<Pick<Loops, 'timeouts' | 'intervals'>> {
  await page.reload({ waitUntil: 'load' });
  return (await page.evaluate(
    `({ timeouts: floodTimeouts(${TIMERS}), intervals: floodIntervals(${TIMERS}) })`,
  )) as Pick<Loops, 'timeouts' | 'intervals'>;
}

async function waitForFlood(page: Page): Promise<Loops> {
  await page.waitForFunction('window.took !== undefined', { timeout: 60_000, polling: 200 });
  return (await page.evaluate('window.took')) as Loops;
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/**
 * What the page allocates in `ms` while it does nothing itself: the sum of the heap's rises between samples 100 ms
 * apart, so that a GC in between does not hide what was allocated.
 */
async function idleAllocation(page: Page, ms: number): Promise<number> {
  const cdp = await page.createCDPSession();
  const used = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  let last = await used();
  let total = 0;
  for (const end = Date.now() + ms; Date.now() < end; ) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await used();
    if (now > last) total += now - last;
    last = now;
  }
  await cdp.detach();
  return total;
}

const text = (panel: Frame, selector: string) =>
  panel.$eval(selector, (el) => el.textContent ?? '').catch(() => null);

test(`${LISTENERS.toLocaleString('en-US')} listeners, ${TIMERS.toLocaleString('en-US')} timeouts and ${TIMERS.toLocaleString('en-US')} intervals: exact counts past the caps, detail capped, panel responsive, near native speed, bounded heap`, async () => {
  const plain = await launch({ extension: false, devtools: false });
  let native: Loops;
  let nativeHeap: number;
  try {
    const page = await openPage(plain, 'lifecycle/flood.html');
    // DevTools open here too, as it is beside the panel: with DevTools open V8 captures an async stack for every
    // timer scheduled, which makes native timers ~2.5× dearer by itself.
    // (Given time to load and attach: timed right after opening, the loops ran partly without that cost.)
    const devtools = await page.openDevTools();
    await devtools.waitForFunction(() => document.readyState === 'complete', { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 2_000));
    const timers = await timerLoops(page);
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(FLOOD);
    native = { ...(await waitForFlood(page)), ...timers };
    nativeHeap = await heapAfterGc(page);
  } finally {
    await plain.close();
  }

  const withExt = await launch();
  try {
    const page = await openPage(withExt, 'lifecycle/flood.html');
    const { panel } = await showPanel(withExt, page);
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
    await panel.$eval('[role="tab"][data-tab="overview"]', (t) => (t as HTMLElement).click());
    const timers = await timerLoops(page);
    await page.reload({ waitUntil: 'load' });

    // The flood starts in a task of its own; meanwhile the panel (its own process) answers at once.
    await page.evaluate(`setTimeout(() => { ${FLOOD}; }, 50)`);
    await new Promise((r) => setTimeout(r, 300));
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = Date.now();
      await panel.evaluate(() => document.querySelectorAll('[role="tab"]').length);
      answers.push(Date.now() - t0);
    }
    const hooked = { ...(await waitForFlood(page)), ...timers };
    expect(Math.max(...answers)).toBeLessThan(1_000);

    const ratio = {
      listeners: hooked.listeners / native.listeners,
      timeouts: hooked.timeouts / native.timeouts,
      intervals: hooked.intervals / native.intervals,
    };
    console.log(
      `flood loop ms, native ${JSON.stringify(native)}, with the panel open ${JSON.stringify(hooked)}, ratios ${Object.values(
        ratio,
      )
        .map((x) => x.toFixed(2))
        .join(' / ')}`,
    );
    // A loose guard against blow-ups (e.g. an O(records) step per call); the 1.5× target lives in the benchmark.
    expect(ratio.listeners).toBeLessThan(3);
    expect(ratio.timeouts).toBeLessThan(3);
    expect(ratio.intervals).toBeLessThan(3);

    // Exact totals past the caps on the Overview, with the note on how much is tracked in detail.
    const fmt = (n: number) => n.toLocaleString('en-US');
    await expect
      .poll(() => text(panel, '[data-counter="listeners"] .ls-counter-value'), {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(fmt(LISTENERS));
    expect(await text(panel, '[data-counter="timeouts"] .ls-counter-value')).toBe(fmt(TIMERS));
    expect(await text(panel, '[data-counter="intervals"] .ls-counter-value')).toBe(fmt(TIMERS));
    expect(await text(panel, '[data-testid="detail-note-listeners"]')).toBe(
      `${fmt(LIMITS.maxListenerRecords)} tracked in detail`,
    );
    expect(await text(panel, '[data-testid="detail-note-timeouts"]')).toBe(
      `${fmt(LIMITS.maxTimerRecords)} of ${fmt(2 * TIMERS)} timers in detail`,
    );
    // Detail capped at LIMITS: the tabs count the records the panel holds.
    const count = (tab: string) =>
      panel.$eval(`[role="tab"][data-tab="${tab}"] .ls-count`, (el) =>
        Number(el.textContent?.replace(/,/g, '')),
      );
    await expect
      .poll(() => count('listeners'), { timeout: 20_000, interval: 250 })
      .toBe(LIMITS.maxListenerRecords);
    await expect.poll(() => count('timers'), { timeout: 20_000, interval: 250 }).toBe(LIMITS.maxTimerRecords);
    await panel.$eval('[role="tab"][data-tab="listeners"]', (t) => (t as HTMLElement).click());
    await expect
      .poll(() => text(panel, '[data-testid="listener-summary"]'), { timeout: 10_000 })
      .toContain(
        `detail capped: ${fmt(LISTENERS)} live, ${fmt(LIMITS.maxListenerRecords)} tracked in detail`,
      );

    // Once everything is sent, the connected hook's flushes (every 500 ms) allocate next to nothing. Before, each
    // flush rebuilt a record → listener map for every target of the 50,000 records: ~1.9 MB of garbage per flush.
    const idle = await idleAllocation(page, 3_000);
    console.log(
      `page allocation in 3 s idle after the flood, panel connected: ${(idle / 2 ** 20).toFixed(2)} MiB`,
    );
    expect(idle).toBeLessThan(2 * 2 ** 20);

    // The hook's memory: records capped, the rest one small map entry per registration (no detail).
    const hookedHeap = await heapAfterGc(page);
    console.log(
      `flood heap after GC: without the extension ${(nativeHeap / 2 ** 20).toFixed(1)} MiB, with ${(hookedHeap / 2 ** 20).toFixed(1)} MiB (+${((hookedHeap - nativeHeap) / 2 ** 20).toFixed(1)} MiB)`,
    );
    expect(hookedHeap - nativeHeap).toBeLessThan(HEAP_MARGIN);
  } finally {
    await withExt.close();
  }
}, 120_000);
