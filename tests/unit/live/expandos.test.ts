import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { CREATE_STATE } from '../../../src/live/page-functions.ts';
import { EXPANDOS } from '../../../src/live/roots/expandos.ts';

/**
 * The in-page expando walk in a fresh V8 context with stand-ins for the DOM natives (a "document" whose
 * querySelectorAll returns plain objects, some with an open "shadow root"): which own properties become roots, in
 * which order, and the two limit flags. Same engine as the page; the DOM itself is checked by the e2e tests.
 */
function run(setup: string, elementLimit: number, rootLimit: number) {
  const ctx: { hits: number; out?: unknown } = { hits: 0 };
  runInNewContext(
    `
    const S = ${CREATE_STATE};
    const roots = new Map();  // doc or shadow root -> its elements
    const shadow = new Map(); // element -> its shadow root
    const qsa = function (sel) { return roots.get(this) ?? []; };
    const shadowRoot = function () { return shadow.get(this) ?? null; };
    S.expandoNatives = [qsa, qsa, shadowRoot];
    const doc = { docCache: { d: 1 } };
    ${setup}
    Object.defineProperty(Array.prototype, 0, { set() { hits++; }, configurable: true });
    out = (${EXPANDOS}).call(S, doc, ${elementLimit}, ${rootLimit});`,
    ctx,
  );
  const out = ctx.out as Record<string, unknown>;
  const n = Object.keys(out).length;
  const recs: string[] = [];
  for (let i = 0; i + 2 < n - 2; i += 3)
    recs.push(`${(out[i] as { name?: string }).name ?? 'doc'}.${out[i + 1]}`);
  return { recs, rootLimitHit: out[n - 2], elementLimitHit: out[n - 1], hits: ctx.hits };
}

const PAGE = `
  const el = (name, props) => Object.assign(Object.create({ name, inherited: { x: 1 } }), props);
  const a = el('a', { cache: { rows: [] }, count: 3, label: 'x', nothing: null, fn() {} });
  Object.defineProperty(a, 'lazy', { get() { hits++; return {}; }, enumerable: true });
  a[Symbol('s')] = {};
  const host = el('host', {});
  const inner = el('inner', { history: [] });
  const sr = {};
  roots.set(doc, [a, host]);
  shadow.set(host, sr);
  roots.set(sr, [inner]);`;

test('own data properties holding objects or functions, document first, shadow roots after; no getter runs', () => {
  const r = run(PAGE, 100, 100);
  expect(r.recs).toEqual(['doc.docCache', 'a.cache', 'a.fn', 'inner.history']);
  expect(r).toMatchObject({ rootLimitHit: false, elementLimitHit: false, hits: 0 });
});

test('the root limit and the element limit are reported', () => {
  expect(run(PAGE, 100, 2)).toMatchObject({ recs: ['doc.docCache', 'a.cache'], rootLimitHit: true });
  // Two elements allowed: a and host; the shadow root's element is beyond the limit.
  expect(run(PAGE, 2, 100)).toMatchObject({
    recs: ['doc.docCache', 'a.cache', 'a.fn'],
    rootLimitHit: false,
    elementLimitHit: true,
  });
  expect(run(PAGE, 3, 100).elementLimitHit).toBe(false);
});
