import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { parseHookBatch } from '../../src/protocol/validate.ts';
import { launch, type Session } from './harness.ts';
import {
  fold,
  forUrl,
  heartbeat,
  markerLine,
  type PanelStandIn,
  panelStandIn,
  type Received,
  sleep,
} from './hook-helpers.ts';

/**
 * The hook seen through the real relay, with the extension's service worker standing in for the panel:
 * chrome.tabs.sendMessage heartbeats in, chrome.runtime page-batch messages out.
 */

let session: Session;
let panel: PanelStandIn;
beforeAll(async () => {
  session = await launch({ devtools: false });
  panel = await panelStandIn(session);
});
afterAll(async () => {
  await session?.close();
});

const FIXTURE = 'semantics/records.html';
/** Runs one of the fixture's `window.actions` (the page's own code, so callsites point into the fixture). */
const act = (page: Page, name: string) => page.evaluate(`actions.${name}()`);
const batchesOf = (r: Received[], page = 'records.html') => forUrl(r, page).map((x) => x.batch);
const stateOf = async (page = 'records.html') => fold(batchesOf(await panel.received(), page));
/** Waits for at least one batch of `page` after the current count, then returns the folded state. */
async function settle(page = 'records.html') {
  const before = forUrl(await panel.received(), page).length;
  await panel.waitFor((r) => forUrl(r, page).length > before, 3_000);
  return stateOf(page);
}

describe('records.html', () => {
  let page: Page;

  test('dormant: nothing is sent before a panel says hello', async () => {
    page = await session.browser.newPage();
    await page.goto(session.server.url(FIXTURE), { waitUntil: 'load' });
    await sleep(LIMITS.flushIntervalMs * 3);
    expect(await panel.received()).toEqual([]);
  });

  test('hello: a full batch with what the page registered while dormant (no callsites)', async () => {
    await heartbeat(panel, true);
    const got = await panel.waitFor((r) => forUrl(r, 'records.html').length > 0);
    const first = batchesOf(got)[0];
    expect(first.full).toBe(true);
    expect(first.detail).toBe(true);
    expect(first.seq).toBe(0);
    // Everything that crossed the relay passes the protocol's validator unchanged.
    expect(parseHookBatch(first)).toEqual(first);
    const resize = first.listenersAdded.find((l) => l.type === 'resize');
    expect(resize).toMatchObject({
      target: 'window',
      targetKind: 'window',
      handler: 'onResize',
      callsite: null,
    });
    const vis = first.listenersAdded.find((l) => l.type === 'visibilitychange');
    expect(vis).toMatchObject({ target: 'document', targetKind: 'document', capture: true });
    const interval = first.timersAdded.find((t) => t.kind === 'interval');
    expect(interval).toMatchObject({ delay: 1000, handler: 'loadTick', callsite: null });
    expect(first.counts).toMatchObject({
      listeners: 2,
      intervals: 1,
      timeouts: 0,
      detailedListeners: 2,
      detailedTimers: 1,
    });
    expect(first.untrackedApis).toEqual([]);
  });

  test('connected: new registrations carry type, flags, target text, handler and callsite line', async () => {
    await act(page, 'addBoxClick');
    const s = await settle();
    const click = s.listeners.find((l) => l.type === 'click');
    expect(click).toMatchObject({
      target: '<div#box.a.b>',
      targetKind: 'element',
      capture: true,
      passive: true,
      once: false,
      signal: false,
      handler: 'onBoxClick',
    });
    expect(click!.callsite).toMatchObject({
      line: markerLine(FIXTURE, 'box-click'),
      functionName: 'addBoxClick',
    });
    expect(click!.callsite!.url).toMatch(/records\.html$/);
  });

  test('removeEventListener removes the record', async () => {
    const id = (await stateOf()).listeners.find((l) => l.type === 'click')!.id;
    await act(page, 'removeBoxClick');
    const s = await settle();
    expect(s.listeners.some((l) => l.id === id)).toBe(false);
    expect(batchesOf(await panel.received()).some((b) => b.listenersRemoved.includes(id))).toBe(true);
  });

  test('a once listener is recorded and forgotten when it fires', async () => {
    await act(page, 'addOnce');
    let s = await settle();
    const once = s.listeners.find((l) => l.type === 'ping');
    expect(once).toMatchObject({ once: true, target: '<body>' });
    expect(once!.callsite!.line).toBe(markerLine(FIXTURE, 'once'));
    await act(page, 'fireOnce');
    s = await settle();
    expect(s.listeners.some((l) => l.type === 'ping')).toBe(false);
  });

  test('a listener with a signal is forgotten when the signal aborts', async () => {
    await act(page, 'addAbortable');
    let s = await settle();
    expect(s.listeners.find((l) => l.type === 'keydown')).toMatchObject({ signal: true, handler: 'onKey' });
    await act(page, 'abort');
    s = await settle();
    expect(s.listeners.some((l) => l.type === 'keydown')).toBe(false);
  });

  test('timers: timeout forgotten once run, interval runs counted then cleared, animation frame', async () => {
    await act(page, 'addTimers');
    let s = await settle();
    const timeout = s.timers.find((t) => t.handler === 'soon');
    const interval = s.timers.find((t) => t.handler === 'every');
    expect(timeout).toMatchObject({ kind: 'timeout', delay: 1200 });
    expect(timeout!.callsite!.line).toBe(markerLine(FIXTURE, 'timeout'));
    expect(interval).toMatchObject({ kind: 'interval', delay: 40 });
    expect(interval!.callsite!.line).toBe(markerLine(FIXTURE, 'interval'));
    await sleep(1200 + LIMITS.flushIntervalMs * 2);
    s = await stateOf();
    expect(s.timers.some((t) => t.handler === 'soon')).toBe(false);
    expect(s.timers.some((t) => t.handler === 'frame')).toBe(false);
    expect(s.timers.find((t) => t.handler === 'every')!.runs).toBeGreaterThan(3);
    await act(page, 'clearIntervalNow');
    s = await settle();
    expect(s.timers.some((t) => t.handler === 'every')).toBe(false);
    expect(s.last!.counts).toMatchObject({ intervals: 1, timeouts: 0, animationFrames: 0 });
  });

  test('detachedTargets flags a listener whose node was removed from the document', async () => {
    await act(page, 'addChildListener');
    let s = await settle();
    const child = s.listeners.find((l) => l.type === 'mouseover')!;
    expect(child.target).toBe('<span#child>');
    expect(s.last!.detachedTargets).not.toContain(child.id);
    await act(page, 'detachChild');
    s = await settle();
    expect(s.last!.detachedTargets).toEqual([child.id]);
  });

  test('odd timer delays (Infinity, NaN, strings, objects) still give valid batches', async () => {
    await act(page, 'oddDelays');
    let s = await settle();
    const odd = s.timers.filter((t) => t.handler === 'odd');
    expect(odd.map((t) => t.delay)).toEqual([0, 0, 0, 0, 0, 0]);
    await act(page, 'clearOdd');
    s = await settle();
    expect(s.timers.some((t) => t.handler === 'odd')).toBe(false);
  });

  test('handleEvent objects are named after their class', async () => {
    await act(page, 'handleEventObject');
    const s = await settle();
    expect(s.listeners.find((l) => l.target === 'document' && l.type === 'click')!.handler).toBe(
      'Clicker.handleEvent',
    );
  });

  test('reload gives a new document id and a new full batch', async () => {
    const oldDoc = batchesOf(await panel.received())[0].docId;
    await panel.clear();
    await page.reload({ waitUntil: 'load' });
    const got = await panel.waitFor((r) => forUrl(r, 'records.html').length > 0);
    const first = batchesOf(got)[0];
    expect(first.full).toBe(true);
    expect(first.docId).not.toBe(oldDoc);
    await page.close();
  });
});

test('iframes (same-origin and srcdoc) each send their own batches', async () => {
  await panel.clear();
  const page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/frames.html'), { waitUntil: 'load' });
  await heartbeat(panel, true);
  const handlers = ['inTop', 'inChild', 'inSrcdoc'];
  const got = await panel.waitFor((r) =>
    handlers.every((h) => r.some((x) => x.batch.listenersAdded.some((l) => l.handler === h))),
  );
  const byHandler = (h: string) => got.find((x) => x.batch.listenersAdded.some((l) => l.handler === h))!;
  const [top, child, srcdoc] = handlers.map(byHandler);
  expect(top.frameId).toBe(0);
  expect(child.frameId).not.toBe(0);
  expect(srcdoc.frameId).not.toBe(0);
  expect(child.frameId).not.toBe(srcdoc.frameId);
  expect(new Set([top.batch.docId, child.batch.docId, srcdoc.batch.docId]).size).toBe(3);
  expect(srcdoc.batch.url).toBe('about:srcdoc');
  expect(child.batch.url).toMatch(/frame-child\.html$/);
  await page.close();
});

test('a page imitating the protocol changes nothing', async () => {
  await panel.clear();
  const page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/spoof.html'), { waitUntil: 'load' });
  await panel.hello(true);
  // While connected: fake batches never reach the panel; fake handshakes get nothing back.
  const seen = await page.evaluate('spoof()');
  expect(seen).toEqual([]);
  await sleep(LIMITS.flushIntervalMs * 3);
  let got = await panel.received();
  expect(got.some((x) => x.batch.docId === 'spoofed' || x.batch.url.includes('spoofed'))).toBe(false);
  expect(got.every((x) => x.batch.counts.listeners !== 999)).toBe(true);
  const real = forUrl(got, 'spoof.html');
  expect(real.length).toBeGreaterThan(0);
  expect(new Set(real.map((x) => x.batch.docId)).size).toBe(1);
  // Disconnected: a fake 'connect' from the page does not wake the hook.
  await heartbeat(panel, false);
  await panel.send({ kind: 'panel-bye', v: 1 });
  await sleep(LIMITS.flushIntervalMs * 2);
  await panel.clear();
  await page.evaluate('spoof()');
  await page.evaluate(() => setTimeout(() => {}, 10));
  await sleep(LIMITS.flushIntervalMs * 3);
  got = await panel.received();
  expect(got).toEqual([]);
  await page.close();
});

test('no heartbeat for panelTimeoutMs: the relay disconnects and nothing more is sent', async () => {
  const page = await session.browser.newPage();
  await page.goto(session.server.url(FIXTURE), { waitUntil: 'load' });
  await heartbeat(panel, false);
  await panel.clear();
  await panel.send({ kind: 'panel-hello', v: 1, detail: true });
  await panel.waitFor((r) => forUrl(r, 'records.html').length > 0);
  await sleep(LIMITS.panelTimeoutMs + LIMITS.flushIntervalMs);
  await panel.clear();
  await act(page, 'addTimers');
  await sleep(LIMITS.flushIntervalMs * 3);
  expect(await panel.received()).toEqual([]);
  await page.close();
});
