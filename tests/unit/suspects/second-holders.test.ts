import { expect, test } from 'vitest';
import type { DetachedTree, Hop } from '../../../src/live/types.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { emptyScan, resizeChain, tree } from './scan-fixture.ts';

const viaGlobal = (object: string): Hop[] => [{ holder: 'window', edge: 'card', edgeKind: 'global', object }];

function heldTwice(root: string, nodes: number, second: Hop[], kind: 'listener' | 'expando'): DetachedTree {
  return {
    ...tree(0, root, nodes, viaGlobal(root)),
    holders: [{ rootKind: kind, chain: second, callsite: null, reach: null }],
  };
}

test('a listener behind a global is a suspect of its own, ranked by the tree it keeps', () => {
  const scan = emptyScan({
    detached: [heldTwice('<section class="dialog">', 43, resizeChain(0), 'listener')],
  });
  const listener = findSuspects(scan).find((s) => s.kind === 'listener');
  expect(listener?.severity).toBe('medium');
  expect(listener?.title).toMatch(/'resize' listener on window keeps a removed <section/);
  expect(listener?.evidence.detail).toMatch(/also held by window\.card/);
});

test('a library’s lone cached node stays info whichever second holder reaches it (jQuery’s support <div>)', () => {
  const scan = emptyScan({ detached: [heldTwice('<div>', 1, resizeChain(0), 'listener')] });
  const above = findSuspects(scan).filter((s) => s.severity !== 'info');
  expect(above).toEqual([]);
});

test('a template cache reached through an expando as well is info, not a removed tree (Lit’s _$Do)', () => {
  const expando: Hop[] = [
    { holder: '<todo-app>', edge: '_$Do', edgeKind: 'expando', object: 'k' },
    { holder: 'k', edge: 'el', edgeKind: 'property', object: '<template>' },
  ];
  const scan = emptyScan({ detached: [heldTwice('<template>', 28, expando, 'expando')] });
  const all = findSuspects(scan);
  expect(all.filter((s) => s.severity !== 'info')).toEqual([]);
  expect(all.some((s) => /<todo-app>\._\$Do/.test(s.title))).toBe(true);
});

test("a holder's chain with a page-long name shows bounded hops, so one chain line stays short", () => {
  const huge = 'A'.repeat(1_000_000);
  const chain: Hop[] = [
    { holder: 'window', edge: huge, edgeKind: 'global', object: huge },
    { holder: huge, edge: 'el', edgeKind: 'property', object: '<div>' },
  ];
  const scan = emptyScan({ detached: [heldTwice(`<div id="${huge}">`, 3, chain, 'listener')] });
  const suspects = findSuspects(scan);
  const hops = suspects.flatMap((s) => s.chain ?? []);
  expect(hops.length).toBeGreaterThan(0);
  for (const h of hops) expect(`${h.holder}${h.edge}${h.object}`.length).toBeLessThanOrEqual(900);
  // The panel's tooltip is the title and the detail: together well under 2,000 characters.
  const details = suspects.map((s) => s.evidence.detail ?? '');
  expect(details.some((d) => d.includes('AAAA'))).toBe(true);
  for (const s of suspects) expect(s.title.length + (s.evidence.detail ?? '').length).toBeLessThan(1400);
});
