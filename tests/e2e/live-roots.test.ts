/**
 * Expandos on attached elements as roots of the live scan, through a transport that refuses what an extension may
 * not call (no hook: expandos need none): exact chains, and no page code run on a hostile page.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scan } from '../../src/live/index.ts';
import { chainText, findSuspects } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

test('a data cache on an attached element: the chain starts at the element property', async () => {
  const page = await openPage(session, 'leaks/expando-cache.html');
  const t = await guardedTransportFor(page);
  const result = await scan(t);
  expect(t.refused).toEqual([]);
  expect(result.detached).toHaveLength(1);
  expect(result.detached[0].rootKind).toBe('expando');
  expect(chainText(result.detached[0].chain!)).toBe(
    '<main id="app"> → __dataCache → Object → overview → <section id="pane-overview">',
  );
  const [s] = findSuspects(result).filter((x) => x.kind === 'detached-dom');
  expect(s.fix).toMatch(/delete the property/);
  await page.close();
});

test('a field of a custom element inside an open shadow root: the chain starts at the element', async () => {
  const page = await openPage(session, 'leaks/shadow-field.html');
  const result = await scan(await guardedTransportFor(page));
  expect(result.detached.map((d) => chainText(d.chain!))).toEqual([
    '<results-panel> → history → Array(2) → [0] → <table class="results-1">',
  ]);
  await page.close();
});

test('hostile page: getters, proxies and a replaced querySelectorAll on the way never run', async () => {
  const page = await openPage(session, 'leaks/hostile-expando.html');
  const t = await guardedTransportFor(page);
  const result = await scan(t);
  expect(chainText(result.detached[0].chain!)).toBe(
    '<main id="app"> → stale → Object → rows → Array(1) → [0] → <article id="stale">',
  );
  expect(await page.evaluate('window.hits')).toBe(0);
  await page.close();

  const replaced = await openPage(session, 'leaks/hostile-expando.html?replace');
  const r2 = await scan(await guardedTransportFor(replaced));
  expect(r2.notes.join('\n')).toMatch(
    /Properties on elements are not roots: the page replaced Document.prototype.querySelectorAll/,
  );
  expect(r2.detached[0].chain).toBeNull();
  expect(await replaced.evaluate('window.hits')).toBe(0);
  await replaced.close();
});

test('observer callbacks of every kind, a subclass and a disconnected observer kept by a global (hook in the page)', async () => {
  const hooked = await launch({ devtools: false });
  try {
    const page = await openPage(hooked, 'leaks/observer-kinds.html');
    const t = await guardedTransportFor(page);
    const result = await scan(t);
    expect(t.refused).toEqual([]);
    const chains = Object.fromEntries(
      result.detached.map((d) => [
        d.root.replace(/ id="[^"]*"/, ''),
        d.chain ? chainText(d.chain) : d.status,
      ]),
    );
    expect(chains).toEqual({
      '<ul class="results">':
        'IntersectionObserver → callback → (anonymous)() → closure variable list → <ul class="results">',
      '<div class="card">':
        'MutationObserver → callback → (anonymous)() → closure variable onChange → (anonymous)() → closure variable card → <div class="card">',
      '<div class="toast">':
        'MutationObserver (disconnected) → callback → (anonymous)() → closure variable toast → <div class="toast">',
    });
    expect(result.detached.every((d) => d.rootKind === 'observer')).toBe(true);
    const fixes = findSuspects(result).filter((s) => s.kind === 'detached-dom');
    expect(fixes).toHaveLength(3);
    expect(fixes.every((s) => /^disconnect\(\) the observer/.test(s.fix))).toBe(true);
    await page.close();
  } finally {
    await hooked.close();
  }
});
