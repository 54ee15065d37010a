import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type Session } from './harness.ts';

/**
 * Contract with the live retainer search: the wrapped setTimeout/setInterval/requestAnimationFrame/
 * addEventListener reference a closure const named exactly `leakscopeState`, found through the function's
 * [[Scopes]] with Runtime.getProperties, whose `timers` Map holds live timers with kind and callback.
 * And the page itself sees nothing of it.
 */

let session: Session;
let page: Page;
let cdp: CDPSession;
beforeAll(async () => {
  session = await launch({ devtools: false });
  page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/records.html'), { waitUntil: 'load' });
  cdp = await page.createCDPSession();
  await cdp.send('Runtime.enable');
});
afterAll(async () => {
  await session?.close();
});

interface Prop {
  name: string;
  value?: { objectId?: string; type: string; subtype?: string; className?: string; value?: unknown };
}

async function props(objectId: string): Promise<{ result: Prop[]; internalProperties?: Prop[] }> {
  return cdp.send('Runtime.getProperties', { objectId, ownProperties: true }) as never;
}

async function stateFrom(expression: string): Promise<string> {
  const { result } = (await cdp.send('Runtime.evaluate', { expression, objectGroup: 'contract' })) as {
    result: { objectId: string };
  };
  const fn = await props(result.objectId);
  const scopes = fn.internalProperties!.find((p) => p.name === '[[Scopes]]')!;
  const scopeList = await props(scopes.value!.objectId!);
  for (const scope of scopeList.result) {
    if (!scope.value?.objectId) continue;
    const vars = await props(scope.value.objectId);
    const found = vars.result.find((v) => v.name === 'leakscopeState');
    if (found?.value?.objectId) return found.value.objectId;
  }
  throw new Error(`no leakscopeState in the scopes of ${expression}`);
}

test.each(['setTimeout', 'setInterval', 'requestAnimationFrame', 'EventTarget.prototype.addEventListener'])(
  '%s reaches leakscopeState through [[Scopes]]',
  async (expr) => {
    const id = await stateFrom(expr);
    const state = await props(id);
    const timers = state.result.find((p) => p.name === 'timers');
    expect(timers?.value?.subtype).toBe('map');
  },
);

test('leakscopeState.timers holds live timers with kind and the callback', async () => {
  await page.evaluate(() => {
    (window as unknown as { contractTimer: unknown }).contractTimer = setTimeout(
      function contractCallback() {},
      60_000,
    );
  });
  const id = await stateFrom('setTimeout');
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: id,
    functionDeclaration: `function () {
      return [...this.timers.values()].map((t) => ({ kind: t.kind, callback: typeof t.callback === 'function' ? t.callback.name : t.callback }));
    }`,
    returnByValue: true,
  })) as { result: { value: { kind: string; callback: string }[] } };
  expect(result.value).toContainEqual({ kind: 'timeout', callback: 'contractCallback' });
  expect(result.value).toContainEqual({ kind: 'interval', callback: 'loadTick' });
  await page.evaluate(() =>
    clearTimeout((window as unknown as { contractTimer: number }).contractTimer as never),
  );
  const after = (await cdp.send('Runtime.callFunctionOn', {
    objectId: id,
    functionDeclaration: `function () { return [...this.timers.values()].map((t) => t.callback.name); }`,
    returnByValue: true,
  })) as { result: { value: string[] } };
  expect(after.result.value).not.toContain('contractCallback');
});

test('the page sees no trace of the hook on window', async () => {
  const leaked = await page.evaluate(() =>
    Object.getOwnPropertyNames(window).filter((k) => /leakscope|hook|relay/i.test(k)),
  );
  expect(leaked).toEqual([]);
});

test('a heap snapshot names the hook’s registries Leakscope* (so retainer chains skip them)', async () => {
  // A holder per target with listeners, the state, its maps, weak maps and weak refs (a LeakscopeSet exists only
  // while a signal has live registrations).
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const objectType = snap.snapshot.meta.node_types[0].indexOf('object');
  const names = new Set<string>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (snap.nodes[i + typeAt] !== objectType) continue;
    const name = snap.strings[snap.nodes[i + nameAt]];
    if (name.startsWith('Leakscope')) names.add(name);
  }
  for (const name of [
    'LeakscopeState',
    'LeakscopeHolder',
    'LeakscopeMap',
    'LeakscopeWeakMap',
    'LeakscopeWeakRef',
  ]) {
    expect(names).toContain(name);
    // The pattern src/heap/passes/edge-mask.ts demotes.
    expect(name).toMatch(/^Leakscope[A-Z]\w*$/);
  }
});
