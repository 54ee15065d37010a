import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { launch, type Session } from './harness.ts';
import { heartbeat, type PanelStandIn, panelStandIn } from './hook-helpers.ts';

/**
 * The hook's observer records (content-script/hook/observers.ts) hold observers and callbacks only weakly: an
 * observer the page dropped is collected like without the extension, dormant or with a panel connected (when
 * callsites are captured).
 */

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

async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

async function afterGc(connect: boolean, fn: string, name: string, on = session): Promise<boolean[]> {
  const page = await on.browser.newPage();
  await page.goto(on.server.url('observers/gc.html'), { waitUntil: 'load' });
  if (connect) await heartbeat(panel, true);
  await page.evaluate(`${fn}()`);
  // A WeakRef's target lives until the task that created it ends; let observer callbacks and a flush run too.
  await new Promise((r) => setTimeout(r, LIMITS.flushIntervalMs * 2));
  await collectGarbage(page);
  const alive = (await page.evaluate(`alive(${JSON.stringify(name)})`)) as boolean[];
  if (connect) {
    await heartbeat(panel, false);
    await panel.send({ kind: 'panel-bye', v: 1 });
  }
  await page.close();
  return alive;
}

test.each([
  ['dormant', false],
  ['connected', true],
])('disconnected or unobserved observers and their callbacks are collected (%s)', async (_n, connect) => {
  const alive = await afterGc(connect, 'dropDisconnected', 'disconnected');
  expect(alive).toHaveLength(14);
  expect(alive.every((a) => !a)).toBe(true);
});

test.each([
  ['dormant', false],
  ['connected', true],
])('a torn-down widget whose constructor created the observer is collected (%s)', async (_n, connect) => {
  expect(await afterGc(connect, 'dropWidget', 'widget')).toEqual([false, false]);
});

test('control: observers still observing are kept by the browser, with the hook as without it', async () => {
  // MutationObserver, ResizeObserver, IntersectionObserver on an attached element; PerformanceObserver on 'mark'.
  expect(await afterGc(false, 'dropObserving', 'observing')).toEqual([true, true, true, true]);
  const plain = await launch({ extension: false });
  try {
    expect(await afterGc(false, 'dropObserving', 'observing', plain)).toEqual([true, true, true, true]);
  } finally {
    await plain.close();
  }
});

test('the record list stays bounded under churn and lists only live observers', async () => {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('observers/gc.html'), { waitUntil: 'load' });
  await page.evaluate('keep(3)');
  await page.evaluate('churn(5000)');
  await collectGarbage(page);
  // Later creations, in later tasks, find the list over its sweep mark (twice the survivors of the last sweep +
  // 256) and compact it; observers of the running task are still alive then (WeakRef targets live to the task's end).
  for (let i = 0; i < 5; i++) {
    await page.evaluate('churn(1000)');
    await collectGarbage(page);
  }
  const cdp = await page.createCDPSession();
  const call = async (expression: string, fn: string) => {
    const { result } = (await cdp.send('Runtime.evaluate', { expression, objectGroup: 't' })) as {
      result: { objectId: string };
    };
    // The hook's state, found like the scan finds it: the wrapped setTimeout's [[Scopes]].
    const get = (objectId: string) =>
      cdp.send('Runtime.getProperties', { objectId, ownProperties: true }) as Promise<{
        result: { name: string; value?: { objectId?: string } }[];
        internalProperties?: { name: string; value?: { objectId?: string } }[];
      }>;
    const scopes = (await get(result.objectId)).internalProperties!.find((p) => p.name === '[[Scopes]]')!;
    for (const scope of (await get(scopes.value!.objectId!)).result) {
      if (!scope.value?.objectId) continue;
      const st = (await get(scope.value.objectId)).result.find((v) => v.name === 'leakscopeState');
      if (!st?.value?.objectId) continue;
      const r = (await cdp.send('Runtime.callFunctionOn', {
        objectId: st.value.objectId,
        functionDeclaration: fn,
        returnByValue: true,
      })) as { result: { value: unknown } };
      return r.result.value;
    }
    throw new Error('no leakscopeState');
  };
  const sizes = (await call(
    'setTimeout',
    'function () { const l = this.liveObservers(); return [this.observerRefs.length, l.length / 5, l[2], l[3]]; }',
  )) as [number, number, string, boolean];
  await cdp.detach();
  await page.close();
  // 10,003 created, 3 alive: the list holds at most the survivors' double + 256 + one task's worth.
  expect(sizes[0]).toBeLessThan(2500);
  expect(sizes[1]).toBe(3);
  expect(sizes.slice(2)).toEqual(['ResizeObserver', true]);
});

test('creating observers runs no setter the page put on Array.prototype', async () => {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('observers/gc.html?setters'), { waitUntil: 'load' });
  await page.evaluate('keep(3); churn(20)');
  expect(await page.evaluate('window.hits')).toBe(0);
  await page.close();
});
