import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import {
  CREATE_STATE,
  decodeNames,
  decodeNumbers,
  decodeRecords,
  lexicalValuesFunction,
} from '../../../src/live/page-functions.ts';

const discovered = (level: { disc: string; first: number }) => [...decodeRecords(level.disc, level.first)];

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
    const trap = { getOwnPropertyDescriptor(t, k) { hits++; return Reflect.getOwnPropertyDescriptor(t, k); } };
    globalThis.obj = { a: { b: 1 }, get boom() { hits++; throw new Error('getter ran'); }, arr: [1, { c: 2 }],
      callable: new Proxy(function f() {}, trap) };
    S`,
    ctx,
  );
  const seed = S.addRoots(['0', 'global'], [runInNewContext('obj', ctx)], 1000);
  expect(discovered(seed)).toHaveLength(1);
  const level1 = S.expand([], 1000, 100000);
  expect(discovered(level1).map((r) => r[3])).toEqual(['a', 'get boom', 'arr', 'callable']);
  expect(ctx.hits).toBe(0); // reaching a callable Proxy runs none of its traps
  S.expand([3], 1000, 100000); // the scan skips what CDP typed as a Proxy (index 3)
  expect(ctx.hits).toBe(0);
});

test('huge arrays are sampled, not walked in full', () => {
  const S = runInNewContext(`(${CREATE_STATE})`, {});
  S.addRoots(['0', 'global'], [runInNewContext('Array.from({ length: 10000 }, (_, i) => ({ i }))', {})], 1e6);
  const level = S.expand([], 1e6, 1000);
  expect(discovered(level).length).toBeLessThan(1100);
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
  expect(discovered(level)[0][3]).toBe('0'); // the object at index 0 is still reached
  expect(decodeNumbers(level.bytes)[1]).toBeGreaterThanOrEqual(5_000_000 * 8);
});

test('level results survive hostile property names: ids, parents, kinds, edges and names decode exactly', () => {
  const S = runInNewContext(`(${CREATE_STATE})`, {});
  const names = ['a,1;b', '', ';;;', '9,9,9,9;', 'x'.repeat(300), '\u{1F600},']; // separators, empty, long, astral
  const obj = runInNewContext(
    `const o = {}; for (const n of ${JSON.stringify(names)}) o[n] = { n }; o['f'] = Object.defineProperty(function () {}, 'name', { value: ';,x' }); o`,
    {},
  );
  const seed = S.addRoots(['0', 'global'], [obj], 1000);
  expect(discovered(seed)).toEqual([[0, -1, 8, '0']]);
  const level = discovered(S.expand([], 1000, 100000));
  expect(level.map((r) => r[3])).toEqual([...names, 'f']);
  expect(level.map((r) => r[0])).toEqual(names.map((_, i) => i + 1).concat(names.length + 1));
  expect(level.every((r) => r[1] === 0 && r[2] === 0)).toBe(true);
  // Function names come from describe(), for objects CDP typed as functions ('f'), never from the walk.
  const d = S.describe(`${'-'.repeat(names.length)}f`, 0);
  expect([...decodeNames(d.names)]).toEqual([[names.length, ';,x']]);
  expect(() => [...decodeRecords('garbage', 0)]).toThrow(/malformed/);
});
