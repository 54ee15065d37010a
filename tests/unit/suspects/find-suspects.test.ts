import { expect, test } from 'vitest';
import { chainShape, chainText, findSuspects, type Hop } from '../../../src/suspects/index.ts';
import { emptyScan, global, resizeChain, tree } from './scan-fixture.ts';

test('identical listener leaks merge into one suspect ×N', () => {
  const detached = Array.from({ length: 6 }, (_, i) =>
    tree(i, `<section id="dlg${i}" class="dialog">`, 43, resizeChain(i)),
  );
  const out = findSuspects(emptyScan({ detached }));
  expect(out).toHaveLength(1);
  expect(out[0].count).toBe(6);
  expect(out[0].kind).toBe('listener');
  expect(chainText(out[0].chain!)).toBe(
    'window → \'resize\' listener → onResize() → closure variable dlg → <section id="dlg0" class="dialog">',
  );
});

const accidental = {
  declaration: 'assigned',
  valueType: 'string',
  undeclaredAssignment: { at: null },
} as const;

test('different chain shapes stay apart; the most severe comes first', () => {
  const table = [
    { holder: 'script', edge: 'const cellIndex', edgeKind: 'lexical' as const, object: 'Map(1)' },
    { holder: 'Map(1)', edge: "'grand-total'", edgeKind: 'map-entry' as const, object: '<td>' },
  ];
  const out = findSuspects(
    emptyScan({
      detached: [tree(0, '<section class="dialog">', 43, resizeChain(0)), tree(1, '<table>', 1201, table)],
      globals: [global('lastQuery', accidental)],
    }),
  );
  expect(out.map((s) => [s.kind, s.severity])).toEqual([
    ['detached-dom', 'high'],
    ['listener', 'medium'],
    ['global', 'low'],
  ]);
});

test('a clean scan has no suspects', () => {
  expect(
    findSuspects(emptyScan({ globals: [global('app'), global('config', { declaration: 'lexical' })] })),
  ).toEqual([]);
});

test('replaceThing chains of any depth share one shape (repeated blocks collapse)', () => {
  const older = (k: number) => {
    const hops: Hop[] = [{ holder: 'window', edge: 'theThing', edgeKind: 'global', object: 'Object' }];
    for (let i = 0; i < k; i++) {
      hops.push(
        { holder: 'Object', edge: 'someMethod', edgeKind: 'property' as const, object: 'someMethod()' },
        {
          holder: 'someMethod()',
          edge: 'originalThing',
          edgeKind: 'closure-variable' as const,
          object: 'Object',
        },
      );
    }
    hops.push({
      holder: 'Object',
      edge: 'preview',
      edgeKind: 'property' as const,
      object: '<div class="preview">',
    });
    return hops;
  };
  const detached = [0, 1, 2, 3, 4].map((k) => tree(k, '<div class="preview">', 4, older(k)));
  const out = findSuspects(emptyScan({ detached }));
  expect(out.map((s) => s.count).sort()).toEqual([1, 4]);
  expect(chainShape('x', older(1))).toBe(chainShape('x', older(3)));
  expect(chainShape('x', older(0))).not.toBe(chainShape('x', older(1)));
});
