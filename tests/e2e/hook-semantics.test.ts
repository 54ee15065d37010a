import { beforeAll, expect, test } from 'vitest';
import { launch, type Session } from './harness.ts';
import { panelStandIn, waitForSemantics } from './hook-helpers.ts';

/**
 * The page-semantics battery (tests/fixtures/pages/semantics) must give identical results in the same Chromium
 * with and without the extension: once at load (hook dormant) and once more after a panel connected (callsites
 * recorded, batches flowing).
 */

// biome-ignore lint/suspicious/noExplicitAny: the battery's results are free-form JSON
type Results = Record<string, any>;
let native: { first: Results; second: Results };
let hooked: { first: Results; second: Results };
let hookedBatches = 0;

async function run(session: Session, connect: boolean) {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/index.html'), { waitUntil: 'load' });
  const first = ((await waitForSemantics(page)) as { results: Results }).results;
  if (connect) {
    const panel = await panelStandIn(session);
    await panel.hello(true);
    const got = await panel.waitFor((r) => r.some((x) => x.batch.url.includes('semantics')));
    hookedBatches = got.length;
  }
  const second = ((await page.evaluate('runBattery()')) as { results: Results }).results;
  return { first, second };
}

beforeAll(async () => {
  const plain = await launch({ extension: false });
  try {
    native = await run(plain, false);
  } finally {
    await plain.close();
  }
  const ext = await launch({ devtools: false });
  try {
    hooked = await run(ext, true);
  } finally {
    await ext.close();
  }
});

test('the hook was really active in the extension run', () => {
  expect(hookedBatches).toBeGreaterThan(0);
});

/**
 * The one known difference: V8 renders a non-constructor `newTarget` in Reflect.construct's TypeError with its
 * own source printer, which shows a JS wrapper's source (no page-side API can make a JS function print as
 * native there). It stays a TypeError "… is not a constructor".
 */
function withoutKnownDifferences(r: Results): Results {
  const copy = structuredClone(r);
  for (const f of Object.values(copy.functions as Results)) {
    if (f.reflectConstruct) {
      expect(f.reflectConstruct).toMatchObject({ ok: false, ctor: 'TypeError' });
      expect(f.reflectConstruct.message).toMatch(/ is not a constructor$/);
      f.reflectConstruct.message = '(known difference)';
    }
  }
  return copy;
}

test('dormant hook: every check matches native Chromium', () => {
  expect(withoutKnownDifferences(hooked.first)).toEqual(withoutKnownDifferences(native.first));
});

test('connected hook (callsites on): every check matches native Chromium', () => {
  expect(withoutKnownDifferences(hooked.second)).toEqual(withoutKnownDifferences(native.second));
});

test('key expectations hold (so identical results are also right ones)', () => {
  const r = hooked.first;
  expect(r.ordering).toEqual([
    'doc-c:1:#document',
    'outer-c:1:outer',
    'inner-c:1:inner',
    'btn-c:2:btn',
    'btn-b:2:btn',
    'inner-b:3:inner',
    'outer-b:3:outer',
    'win-b:3:undefined',
  ]);
  expect(r.duplicates).toEqual({ afterDup: 1, afterCapture: 3, afterRemoveCapture: 4, end: 4 });
  expect(r.once).toMatchObject({
    firedOnce: 1,
    dupOfOnce: 2,
    removedBeforeFire: 2,
    objCount: 2,
    throwerCount: 1,
  });
  expect(r.signal).toMatchObject({ afterAbort: 1, alreadyAborted: 1 });
  expect(r.signal.badSignal.ok).toBe(false);
  expect(r.handleEvent[0]).toEqual(['obj', true, true]);
  expect(r.args.nullListener).toEqual({ ok: true, value: 'undefined' });
  expect(r.args.oneArg.ctor).toBe('TypeError');
  expect(r.args.callPlainObject).toMatchObject({
    ok: false,
    ctor: 'TypeError',
    message: 'Illegal invocation',
  });
  expect(r.typeConversion).toEqual({ toStringCalls: 2, n: 2 });
  expect(r.options.log).toEqual([
    'capture',
    'once',
    'passive',
    'signal',
    '|',
    'capture',
    '|',
    'capture',
    'once',
    'passive',
    'signal',
  ]);
  expect(r.options.prevented).toBe(false);
  expect(r.dispatch).toEqual(['first', 'first', 'late', 'stopper', 'never']);
  expect(r.bare).toBe(1);
  expect(r.listenerErrors[0]).toMatchObject({ message: 'Uncaught TypeError: listener boom', same: true });
  for (const name of [
    'addEventListener',
    'removeEventListener',
    'setTimeout',
    'setInterval',
    'clearTimeout',
    'requestAnimationFrame',
  ]) {
    expect(r.functions[name].toString).toBe(`function ${name}() { [native code] }`);
    expect(r.functions[name].hasPrototype).toBe(false);
    expect(r.functions[name].construct.ok).toBe(false);
    expect(r.functions[name].ownNames).toEqual(['length', 'name']);
  }
  expect(r.functions.toString.toString).toBe('function toString() { [native code] }');
  expect(r.functions.addEventListener.length).toBe(2);
  expect(r.functions.setTimeout.length).toBe(1);
  expect(r.pageWrapsAdd).toEqual({ seen: ['w'], n: 1, restored: true });
  const t = r.timers;
  expect(t.idInfo).toEqual({ intA: true, positive: true, diff: 1 });
  expect(t.log).toContainEqual(['args', 'p', 2, 2, true]);
  expect(t.log).not.toContain('c1-ran');
  expect(t.log).not.toContain('c2-ran');
  expect(t.log).not.toContain('c3-ran');
  expect(t.log).not.toContain('c4-ran');
  expect(t.log).not.toContain('c5-ran');
  expect(t.stringTimerRan).toBe(1);
  expect(t.valueOfCalls).toBe(1);
  expect(t.delayCalls).toBe(1);
  expect(t.ticks).toBe(3);
  expect(t.timerErrors.noArgs.ctor).toBe('TypeError');
  expect(t.rafArg).toEqual(['number', 1, true]);
  expect(t.reports).toEqual([expect.objectContaining({ message: 'Uncaught Error: timer boom', same: true })]);
  expect(t.replaced).toMatchObject({ calls: [2], replacedRan: true, restored: true });
});

test('observers: constructors, subclassing, errors and callbacks are the natives’ (and the checks ran)', () => {
  const o = hooked.first.observers;
  for (const name of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver']) {
    const c = o[name];
    expect(c.toString).toBe(`function ${name}() { [native code] }`);
    expect(c.ownKeys.slice(0, 3)).toEqual(['length', 'name', 'prototype']);
    expect(c).toMatchObject({
      name,
      length: 1,
      instanceOf: true,
      getPrototypeOf: true,
      prototypeConstructor: true,
      instanceConstructor: true,
      reflectConstruct: true,
      protoIsFunctionPrototype: true,
      prototypeDescriptor: { writable: false, enumerable: false, configurable: false },
    });
    expect(c.sub).toEqual([true, true, true, 'hi', 1, true, true]);
    expect(c.withoutNew).toMatchObject({ ok: false, ctor: 'TypeError' });
    expect(c.withoutNew.message).toMatch(/Please use the 'new' operator/);
    expect(c.noArgs).toMatchObject({ ok: false, ctor: 'TypeError' });
    expect(c.notCallable).toMatchObject({ ok: false, ctor: 'TypeError' });
    expect(c.disconnectOnPlain).toMatchObject({ ok: false, message: 'Illegal invocation' });
    expect(c.methods.observe.toString).toBe('function observe() { [native code] }');
    expect(c.methods.disconnect.ownNames).toEqual(['length', 'name']);
  }
  expect(o.PerformanceObserver.ownKeys).toEqual(['length', 'name', 'prototype', 'supportedEntryTypes']);
  expect(o.PerformanceObserver.statics.length).toBeGreaterThan(0);
  expect(o.webkitAlias).toBe(true);
  const cb = hooked.second.observerCallbacks;
  expect(cb.log).toContainEqual(['mo', true, true, 2, 1, 'attributes', 'data-a']);
  expect(cb.log.filter((e: unknown[]) => e[0] === 'mo')).toHaveLength(1);
  // The second run sees the attribute the first one set.
  expect(cb.log).toContainEqual(['taken', 1, '1']);
  expect(cb.log).not.toContain('mo2-ran');
  expect(cb.log).toContainEqual(['ro', true, true, 2, 1, true]);
  expect(cb.log.filter((e: unknown[]) => e[0] === 'ro')).toHaveLength(1);
  expect(cb.log).toContainEqual(['io', true, true, 2, 1, 'boolean']);
  expect(cb.reports).toEqual([
    expect.objectContaining({ message: 'Uncaught Error: observer boom', same: true }),
  ]);
});
