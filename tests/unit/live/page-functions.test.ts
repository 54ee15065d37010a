import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { CREATE_STATE, lexicalValuesFunction } from '../../../src/live/page-functions.ts';

test('lexical reader only embeds plain identifiers', () => {
  const src = lexicalValuesFunction(['cellIndex', 'a-b', 'x);alert(1', '$ok']);
  expect(src).toContain('o["cellIndex"] = cellIndex');
  expect(src).toContain('o["$ok"] = $ok');
  expect(src).not.toContain('alert');
});

// The page state runs in a fresh V8 context here: same engine, no DOM; enough to check the walk itself.
test('the in-page walk reads descriptors only: getters and prototype setters never run', () => {
  const ctx = { hits: 0 };
  const S = runInNewContext(
    `
    Object.defineProperty(Object.prototype, 'value', { get() { hits++; return 1; }, set() { hits++; }, configurable: true });
    Object.defineProperty(Array.prototype, 'push', { value() { hits++; } });
    globalThis.S = ${CREATE_STATE};
    globalThis.obj = { a: { b: 1 }, get boom() { hits++; throw new Error('getter ran'); }, arr: [1, { c: 2 }] };
    S`,
    ctx,
  );
  const seed = S.addRoots(['0', 'global'], [runInNewContext('obj', ctx)], 1000);
  expect(seed.disc.length / 5).toBe(1);
  const level1 = S.expand([], 1000, 100000);
  const edges: string[] = [];
  for (let i = 0; i < level1.disc.length; i += 5) edges.push(level1.disc[i + 2]);
  expect(edges).toEqual(['a', 'get boom', 'arr']);
  S.expand([], 1000, 100000);
  expect(ctx.hits).toBe(0);
});

test('huge arrays are sampled, not walked in full', () => {
  const S = runInNewContext(`(${CREATE_STATE})`, {});
  S.addRoots(['0', 'global'], [runInNewContext('Array.from({ length: 10000 }, (_, i) => ({ i }))', {})], 1e6);
  const level = S.expand([], 1e6, 1000);
  expect(level.disc.length / 5).toBeLessThan(1100);
  expect(level.sampled).toBe(1);
});

test('a 5-million-element array is sampled by index without listing its keys', () => {
  const S = runInNewContext(`(${CREATE_STATE})`, {});
  const big = runInNewContext('const a = new Array(5_000_000).fill(0); a[0] = { first: true }; a', {});
  S.addRoots(['0', 'global'], [big], 1e6);
  const t0 = performance.now();
  const level = S.expand([], 1e6, 100_000);
  expect(performance.now() - t0).toBeLessThan(1000);
  expect(level.sampled).toBe(1);
  expect(level.disc[2]).toBe('0'); // the object at index 0 is still reached
  expect(level.bytes[1]).toBeGreaterThanOrEqual(5_000_000 * 8);
});
