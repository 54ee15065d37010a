import { expect, test } from 'vitest';
import { findSuspects, formatChain } from '../../../src/suspects/index.ts';
import { emptyScan, global, resizeChain, tree } from './scan-fixture.ts';

test('identical listener leaks merge into one suspect ×N', () => {
  const detached = Array.from({ length: 6 }, (_, i) =>
    tree(i, `<section id="dlg${i}" class="dialog">`, 43, resizeChain(i)),
  );
  const out = findSuspects(emptyScan({ detached }));
  expect(out).toHaveLength(1);
  expect(out[0].count).toBe(6);
  expect(out[0].kind).toBe('listener');
  expect(formatChain(out[0].chain!)).toBe(
    'window → \'resize\' listener → onResize() → closure variable dlg → <section id="dlg0" class="dialog">',
  );
});

test('different chain shapes stay apart; the most severe comes first', () => {
  const table = [
    { holder: 'script', edge: 'const cellIndex', edgeKind: 'lexical' as const, object: 'Map(1)' },
    { holder: 'Map(1)', edge: "'grand-total'", edgeKind: 'map-entry' as const, object: '<td>' },
  ];
  const out = findSuspects(
    emptyScan({
      detached: [tree(0, '<section class="dialog">', 43, resizeChain(0)), tree(1, '<table>', 1201, table)],
      globals: [global('lastQuery', { declaration: 'assigned', valueType: 'string' })],
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
