/**
 * Every holder of a leak, through a transport that refuses what an extension may not call (the hook in the page):
 * a forgotten interval, a resize listener and a ResizeObserver that keep a removed tree which a shorter path (a
 * `const`, a global, a list) also reaches are each reported with their own chain.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scan } from '../../src/live/index.ts';
import { chainText, findSuspects } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ devtools: false });
});
afterAll(async () => {
  await session?.close();
});

async function scanPage(path: string) {
  const page = await openPage(session, path);
  const t = await guardedTransportFor(page);
  const result = await scan(t);
  expect(t.refused).toEqual([]);
  await page.close();
  return result;
}

test('a forgotten interval behind a shorter const: both the interval (through this → Ticker → el) and the const', async () => {
  const result = await scanPage('holders/interval-behind-const.html');
  expect(result.detached).toHaveLength(1);
  const [tree] = result.detached;
  expect(chainText(tree.chain!)).toBe('script → const card → <div class="card">');
  const timer = tree.holders?.find((h) => h.rootKind === 'timer');
  expect(timer, JSON.stringify(tree.holders)).toBeDefined();
  expect(chainText(timer!.chain)).toMatch(
    /^setInterval #\d+ \(200 ms\) → callback → \(anonymous\)\(\) → closure variable this → Ticker → el → <span class="price">$/,
  );
  // The interval alone keeps the Ticker's 200,000-price history.
  expect(timer!.reach!.bytes).toBeGreaterThan(1_500_000);

  const suspects = findSuspects(result);
  const fromTimer = suspects.findIndex(
    (s) => s.kind === 'timer' && /closure variable this → Ticker/.test(chainText(s.chain ?? [])),
  );
  const fromConst = suspects.findIndex(
    (s) => s.kind === 'detached-dom' && s.chain?.[0].edge === 'const card',
  );
  expect(fromTimer, JSON.stringify(suspects.map((s) => s.title))).toBeGreaterThanOrEqual(0);
  expect(fromConst, JSON.stringify(suspects.map((s) => s.title))).toBeGreaterThanOrEqual(0);
  // The interval is the holder to fix first: it ranks above the const.
  expect(fromTimer).toBeLessThan(fromConst);
  expect(suspects[fromTimer].severity).toMatch(/medium|high/);
  // Named by the class that owns the callback, with the arrow's own definition site.
  expect(suspects[fromTimer].title).toMatch(
    /^A live setInterval #\d+ \(200 ms\) callback \(Ticker\) keeps a removed <div class="card">/,
  );
  expect(suspects[fromTimer].callsite?.line).toBeGreaterThan(0);
  expect(suspects[fromConst].evidence.detail).toMatch(/also held by setInterval #\d+ \(200 ms\) callback/);
});

test('a resize listener whose closure keeps a removed dialog that a global also reaches', async () => {
  const result = await scanPage('holders/listener-behind-global.html');
  expect(result.detached).toHaveLength(1);
  const [tree] = result.detached;
  expect(chainText(tree.chain!)).toBe('window → lastDialog → <section class="dialog">');
  const chains = (tree.holders ?? []).map((h) => chainText(h.chain));
  expect(chains).toContain(
    'window → \'resize\' listener → fitDialog() → closure variable dlg → <section class="dialog">',
  );
  const listener = findSuspects(result).find(
    (s) => s.kind === 'listener' && s.chain?.[0].edge === "'resize' listener",
  );
  expect(listener?.severity).toMatch(/medium|high/);
  expect(listener?.fix).toMatch(/removeEventListener/);
});

test('a ResizeObserver whose callback keeps a removed panel that a lexical list also reaches', async () => {
  const result = await scanPage('holders/observer-behind-global.html');
  expect(result.detached).toHaveLength(1);
  const [tree] = result.detached;
  expect(chainText(tree.chain!)).toBe('script → const openedPanels → Array(1) → [0] → <div class="details">');
  const chains = (tree.holders ?? []).map((h) => chainText(h.chain));
  expect(chains).toContain(
    'ResizeObserver → callback → (anonymous)() → closure variable panel → <div class="details">',
  );
  const observer = findSuspects(result).find((s) => s.chain?.[0].holder.startsWith('ResizeObserver'));
  expect(observer?.kind).toBe('detached-dom');
  expect(observer?.fix).toMatch(/disconnect\(\) the observer/);
});

test('replaceThing in one scan: a closure-chain suspect, high, naming the variable, the builder and the method', async () => {
  const result = await scanPage('holders/replace-thing-one-scan.html');
  const chain = result.growth.closureChains.find((c) => c.variable === 'previous');
  expect(chain, JSON.stringify(result.growth.closureChains)).toBeDefined();
  expect(chain).toMatchObject({ root: 'window.current', builder: 'replaceCurrent', sameFunction: true });
  // 40 objects built at load (the first one has no previous): at least 39 links, more once the interval ran.
  expect(chain!.length).toBeGreaterThanOrEqual(39);
  const suspects = findSuspects(result);
  const s = suspects.find((x) => x.kind === 'closure-chain');
  expect(s, JSON.stringify(suspects.map((x) => x.title))).toBeDefined();
  expect(s!.severity).toBe('high');
  expect(s!.title).toMatch(
    /^`replaceCurrent\(\)` builds a closure chain \d+ deep from window\.current: each new Object keeps the previous one through `previous` \(≥ [\d.]+ MiB\), because describe\(\) shares its context/,
  );
  expect(s!.evidence.bytes).toBeGreaterThan(32 * (1 << 20));
  // The same bytes are not reported a second time as a big global.
  expect(suspects.filter((x) => x.kind === 'global')).toEqual([]);
});
