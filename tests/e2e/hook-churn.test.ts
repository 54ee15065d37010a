import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { launch, type Session } from './harness.ts';
import { forUrl, heartbeat, type PanelStandIn, panelStandIn, type Summary } from './hook-helpers.ts';

/** The hook's registries empty out after churn, stay bounded under a flood, and never keep page objects alive. */

let session: Session;
let panel: PanelStandIn;
beforeAll(async () => {
  session = await launch({ devtools: false });
  panel = await panelStandIn(session);
});
afterAll(async () => {
  await heartbeat(panel, false).catch(() => {});
  await session?.close();
});

async function openChurn(): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('churn/index.html'), { waitUntil: 'load' });
  return page;
}

async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Asks every relay for a full batch and returns the newest full batch of the churn page. */
async function fullBatch() {
  await panel.clear();
  await panel.send({ kind: 'request-full', v: 1 });
  const got = await panel.waitFor((r) => forUrl(r, 'churn/index.html').some((x) => x.batch.full));
  return forUrl(got, 'churn/index.html')
    .filter((x) => x.batch.full)
    .at(-1)!.batch;
}

test.each([
  ['dormant', false],
  ['connected', true],
])('after churn (%s) the registries hold nothing', async (_name, connectFirst) => {
  const page = await openChurn();
  if (connectFirst) await heartbeat(panel, true);
  await page.evaluate('churn(5000)');
  await collectGarbage(page);
  if (!connectFirst) await heartbeat(panel, true);
  const b = await fullBatch();
  expect(b.counts).toEqual({
    listeners: 0,
    intervals: 0,
    timeouts: 0,
    animationFrames: 0,
    detailedListeners: 0,
    detailedTimers: 0,
  });
  expect(b.listenersAdded).toEqual([]);
  expect(b.timersAdded).toEqual([]);
  await heartbeat(panel, false);
  await panel.send({ kind: 'panel-bye', v: 1 });
  await page.close();
});

test('a flood of listeners keeps detail bounded; counts go on', async () => {
  const page = await openChurn();
  const n = LIMITS.maxListenerRecords + 30_000;
  await page.evaluate(`flood(${n})`);
  await heartbeat(panel, true);
  await panel.clear();
  await panel.send({ kind: 'request-full', v: 1 });
  let mine: Summary[] = [];
  for (let i = 0; i < 100; i++) {
    mine = (await panel.summaries()).filter((x) => x.url.endsWith('churn/index.html'));
    if (mine.reduce((s, x) => s + x.listenersAdded, 0) >= LIMITS.maxListenerRecords) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(mine[0].full).toBe(true);
  expect(mine[0].counts).toMatchObject({
    listeners: n,
    detailedListeners: LIMITS.maxListenerRecords,
  });
  expect(mine.reduce((s, x) => s + x.listenersAdded, 0)).toBe(LIMITS.maxListenerRecords);
  for (const b of mine) expect(b.listenersAdded).toBeLessThanOrEqual(LIMITS.maxRecordsPerBatch);
  await page.evaluate('releaseFlood()');
  const b = await fullBatch();
  expect(b.counts.listeners).toBe(0);
  await heartbeat(panel, false);
  await panel.send({ kind: 'panel-bye', v: 1 });
  await page.close();
});

test('past the detail caps the counts stay exact: duplicates, once, signal, removal, timers run or cleared', async () => {
  const page = await openChurn();
  await page.evaluate(`flood(${LIMITS.maxListenerRecords}); fillTimers(${LIMITS.maxTimerRecords})`);
  await page.evaluate('lightBattery()');
  await heartbeat(panel, true);
  // The string timeout's delay has passed: the flush forgets it.
  const b = await fullBatch();
  expect(b.counts).toEqual({
    listeners: LIMITS.maxListenerRecords + 4,
    intervals: LIMITS.maxTimerRecords + 3,
    timeouts: 3,
    animationFrames: 0,
    detailedListeners: LIMITS.maxListenerRecords,
    detailedTimers: LIMITS.maxTimerRecords,
  });
  // Freeing detail and dropping the rest brings everything back to zero.
  await page.evaluate(`releaseFlood(); releaseTimers();
    lightKept.ac2.abort();
    for (const id of lightKept.pending) clearTimeout(id);
    for (const id of lightKept.intervals) clearInterval(id);`);
  const c = await fullBatch();
  expect(c.counts).toMatchObject({ intervals: 0, timeouts: 0, detailedTimers: 0, detailedListeners: 0 });
  // The three listeners left on `t` (f, f capture, g) go with `t`.
  await page.evaluate('lightKept = null');
  await collectGarbage(page);
  const d = await fullBatch();
  expect(d.counts.listeners).toBe(0);
  await heartbeat(panel, false);
  await panel.send({ kind: 'panel-bye', v: 1 });
  await page.close();
}, 60_000);

test.each([
  ['dormant', false, false],
  ['connected', true, false],
  ['dormant, past the detail caps', false, true],
  ['connected, past the detail caps', true, true],
])(
  'the hook keeps no removed node alive (%s): its WeakRef clears after a forced GC',
  async (_n, connect, full) => {
    const page = await openChurn();
    // Past the caps the node's listeners (plain, once, signal) go through the light count path.
    if (full)
      await page.evaluate(`flood(${LIMITS.maxListenerRecords}); fillTimers(${LIMITS.maxTimerRecords})`);
    if (connect) await heartbeat(panel, true);
    await page.evaluate('dropNode()');
    // Let a flush carry the records (connected) and the WeakRef's creating task end.
    await new Promise((r) => setTimeout(r, LIMITS.flushIntervalMs * 2));
    await collectGarbage(page);
    expect(await page.evaluate('nodeRef.deref() === undefined')).toBe(true);
    if (connect) {
      await heartbeat(panel, false);
      await panel.send({ kind: 'panel-bye', v: 1 });
    }
    await page.close();
  },
);
