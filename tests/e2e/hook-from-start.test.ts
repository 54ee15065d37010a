import { afterAll, beforeAll, expect, test } from 'vitest';
import { RECORD_FROM_START_MARKER, recordFromStartScript } from '../../src/protocol/messages.ts';
import { launch, type Session } from './harness.ts';
import { forUrl, markerLine, type PanelStandIn, panelStandIn } from './hook-helpers.ts';

/**
 * "Reload and record from the start", driven the way the panel would: chrome.debugger from the extension
 * (Page.enable, Page.addScriptToEvaluateOnNewDocument, Page.reload). After the reload even the page's first
 * script's registrations carry callsites, and the page never sees the marker.
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

test('registrations of the first script get callsites after a from-start reload; the page sees no marker', async () => {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/records.html'), { waitUntil: 'load' });
  const reloaded = page.waitForNavigation({ waitUntil: 'load' });
  await panel.worker.evaluate(async (source) => {
    const target = (await chrome.debugger.getTargets()).find((t) => t.url.includes('records.html'))!;
    const debuggee = { tabId: target.tabId! };
    await chrome.debugger.attach(debuggee, '1.3');
    await chrome.debugger.sendCommand(debuggee, 'Page.enable', {});
    const { identifier } = (await chrome.debugger.sendCommand(
      debuggee,
      'Page.addScriptToEvaluateOnNewDocument',
      {
        source,
      },
    )) as { identifier: string };
    await chrome.debugger.sendCommand(debuggee, 'Page.reload', {});
    (globalThis as unknown as { __fromStart: unknown }).__fromStart = { debuggee, identifier };
  }, recordFromStartScript());
  await reloaded;
  // Once the reloaded document exists, the script has done its job: remove it and let go of the tab.
  await panel.worker.evaluate(async () => {
    const { debuggee, identifier } = (
      globalThis as unknown as { __fromStart: { debuggee: { tabId: number }; identifier: string } }
    ).__fromStart;
    await chrome.debugger.sendCommand(debuggee, 'Page.removeScriptToEvaluateOnNewDocument', { identifier });
    await chrome.debugger.detach(debuggee);
  });
  const seen = await page.evaluate(
    (name) => [Object.getOwnPropertyNames(window).includes(name), (window as never)[name] !== undefined],
    RECORD_FROM_START_MARKER,
  );
  expect(seen).toEqual([false, false]);
  await panel.hello(true);
  const got = await panel.waitFor((r) => forUrl(r, 'records.html').length > 0);
  const full = forUrl(got, 'records.html')[0].batch;
  const resize = full.listenersAdded.find((l) => l.type === 'resize')!;
  expect(resize.callsite).toMatchObject({ line: markerLine('semantics/records.html', 'resize') });
  expect(resize.callsite!.url).toMatch(/records\.html$/);
  const loadTick = full.timersAdded.find((t) => t.handler === 'loadTick')!;
  expect(loadTick.callsite).not.toBeNull();
  await panel.send({ kind: 'panel-bye', v: 1 });

  // A plain reload afterwards (script removed): back to recording nothing while dormant.
  await panel.clear();
  await page.reload({ waitUntil: 'load' });
  await panel.hello(true);
  const again = await panel.waitFor((r) => forUrl(r, 'records.html').length > 0);
  const plain = forUrl(again, 'records.html')[0].batch;
  expect(plain.listenersAdded.find((l) => l.type === 'resize')!.callsite).toBeNull();
});
