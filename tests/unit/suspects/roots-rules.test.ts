import { expect, test } from 'vitest';
import { DetachedDomRule } from '../../../src/suspects/rules/index.ts';
import type { Claims, Hop } from '../../../src/suspects/types.ts';
import { emptyScan, tree } from './scan-fixture.ts';

const claims = (): Claims => ({ detachedTrees: new Set(), globals: new Set() });

test('a tree kept by an observer callback names the observer and says to disconnect it', () => {
  const chain: Hop[] = [
    { holder: 'ResizeObserver', edge: 'callback', edgeKind: 'observer', object: '(anonymous)()' },
    {
      holder: '(anonymous)()',
      edge: 'closure variable panel',
      edgeKind: 'closure-variable',
      object: '<div>',
    },
  ];
  const [s] = new DetachedDomRule().apply(
    emptyScan({ detached: [tree(0, '<div class="details">', 40, chain)] }),
    claims(),
  );
  expect(s.title).toBe(
    'Removed <div class="details"> (40 nodes) is still referenced from ResizeObserver callback',
  );
  expect(s.fix).toMatch(/^disconnect\(\) the observer/);
  expect(s.severity).not.toBe('info');
});

test('a tree kept by an expando names element.property and says to delete it', () => {
  const chain: Hop[] = [
    { holder: '<main id="app">', edge: '__dataCache', edgeKind: 'expando', object: 'Object' },
    { holder: 'Object', edge: 'overview', edgeKind: 'property', object: '<section id="pane-overview">' },
  ];
  const [s] = new DetachedDomRule().apply(
    emptyScan({ detached: [tree(0, '<section>', 80, chain)] }),
    claims(),
  );
  expect(s.title).toContain('still referenced from <main id="app">.__dataCache');
  expect(s.fix).toMatch(/delete the property/);
  expect(s.fix).toMatch(/don’t keep removed nodes on live elements/);
});

test('other roots keep the general fix', () => {
  const chain: Hop[] = [{ holder: 'window', edge: 'cache', edgeKind: 'global', object: 'Array(3)' }];
  const [s] = new DetachedDomRule().apply(emptyScan({ detached: [tree(0, '<div>', 40, chain)] }), claims());
  expect(s.fix).toMatch(/^Drop the reference/);
});
