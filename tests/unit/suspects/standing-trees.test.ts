/**
 * Library caches and nodes detached once are reported, below growth: what jQuery, Vue and Lit keep (seen on real
 * apps, tests/fixtures/pages/truth/) and a node a page removes once and keeps, scan after scan.
 */
import { describe, expect, test } from 'vitest';
import type { Hop } from '../../../src/live/types.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { emptyScan, tree } from './scan-fixture.ts';

const jqueryChain: Hop[] = [
  { holder: 'window', edge: '$', edgeKind: 'global', object: 'ce()' },
  { holder: 'ce()', edge: 'support', edgeKind: 'property', object: 'Object' },
  { holder: 'Object', edge: 'boxSizingReliable', edgeKind: 'property', object: 'boxSizingReliable()' },
  { holder: 'boxSizingReliable()', edge: 'u', edgeKind: 'closure-variable', object: '<div>' },
];
const listenerChain = (object: string): Hop[] => [
  { holder: '<input class="new-todo">', edge: "'keyup' listener", edgeKind: 'listener', object: 'onKeyup()' },
  { holder: 'onKeyup()', edge: 's', edgeKind: 'closure-variable', object },
];
const arrayChain = (i: number): Hop[] => [
  { holder: 'window', edge: 'deleted', edgeKind: 'global', object: 'Array(10)' },
  { holder: 'Array(10)', edge: String(i), edgeKind: 'element', object: '<li>' },
];

describe('library caches on one scan', () => {
  test('a lone element a library keeps is info, and says why', () => {
    const [s] = findSuspects(emptyScan({ detached: [tree(0, '<div>', 1, jqueryChain)] }));
    expect(s.severity).toBe('info');
    expect(s.title).toBe('Detached <div> (1 node) is still referenced from window.$');
    expect(s.evidence.detail).toMatch(/single small element kept by code/);
  });

  test('a cached <template> held by a listener is info, not a listener leak', () => {
    const [s] = findSuspects(
      emptyScan({ detached: [tree(0, '<template>', 1, listenerChain('<template>'))] }),
    );
    expect(s.kind).toBe('listener');
    expect(s.severity).toBe('info');
    expect(s.evidence.detail).toMatch(/<template> is never part of the page/);
  });

  test('the same lone element repeated is not a cache: it stays low', () => {
    const chain = (i: number): Hop[] => [
      { holder: 'window', edge: 'kept', edgeKind: 'global', object: 'Array(3)' },
      { holder: 'Array(3)', edge: String(i), edgeKind: 'element', object: '<span>' },
    ];
    const [s] = findSuspects(emptyScan({ detached: [0, 1, 2].map((i) => tree(i, '<span>', 1, chain(i))) }));
    expect(s.count).toBe(3);
    expect(s.severity).toBe('low');
  });

  test('removed list items an app keeps in an array are still found at their size', () => {
    const [s] = findSuspects(emptyScan({ detached: [0, 1].map((i) => tree(i, '<li>', 10, arrayChain(i))) }));
    expect(s.severity).toBe('medium');
    expect(s.title).toMatch(/^Removed <li>/);
  });
});

describe('across scans of one document', () => {
  const scanWith = (trees: ReturnType<typeof tree>[]) => emptyScan({ detached: trees });
  const banner = (i = 0) => tree(i, '<div class="banner">', 5, listenerChain('<div class="banner">'));

  test('a node detached once and the same in every scan is info (it fails no --fail-on low)', () => {
    const history = [scanWith([banner()]), scanWith([banner()])];
    const [s] = findSuspects(scanWith([banner()]), undefined, history);
    expect(s.kind).toBe('listener');
    expect(s.severity).toBe('info');
    expect(s.evidence.detail).toMatch(/the same tree in each of the last 3 scans: not growing/);
  });

  test('without history the same node is a medium listener suspect (nothing says it is constant)', () => {
    expect(findSuspects(scanWith([banner()]))[0].severity).toBe('medium');
  });

  test('a big constant tree is one notch lower, ranked below a growing one', () => {
    const table = (i: number) =>
      tree(i, '<table>', 300, [
        { holder: 'script', edge: 'const t', edgeKind: 'lexical', object: '<table>' },
      ]);
    const history = [scanWith([table(0), ...[0].map((i) => tree(1 + i, '<li>', 10, arrayChain(i)))])];
    const now = scanWith([table(0), ...[0, 1].map((i) => tree(1 + i, '<li>', 10, arrayChain(i)))]);
    const out = findSuspects(now, undefined, history);
    const t = out.find((s) => s.title.includes('<table>'))!;
    const li = out.find((s) => s.title.includes('<li>'))!;
    expect(t.severity).toBe('medium');
    expect(li.severity).toBe('medium');
    expect(li.count).toBe(2);
    expect(out.indexOf(li)).toBeLessThan(out.indexOf(t));
  });

  test('a lone element that grows between scans is not taken for a cache', () => {
    const chain = (i: number): Hop[] => [
      { holder: 'window', edge: 'kept', edgeKind: 'global', object: 'Array' },
      { holder: 'Array', edge: String(i), edgeKind: 'element', object: '<span>' },
    ];
    const history = [scanWith([])];
    const [s] = findSuspects(scanWith([tree(0, '<span>', 1, chain(0))]), undefined, history);
    expect(s.severity).toBe('low');
  });
});
