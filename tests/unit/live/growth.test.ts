import { expect, test } from 'vitest';
import { closureChains, collectionSizes, pathOf } from '../../../src/live/growth.ts';
import { RetainerTree } from '../../../src/live/tree.ts';

/** window.theThing → someMethod → (closure) originalThing → … repeated `links` times. */
function replaceThing(links: number): RetainerTree {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: 'theThing', kind: 'global' },
    { holder: 'window', edge: 'theThing', kind: 'global' },
  );
  t.setLabel(0, 'Object');
  let id = 0;
  for (let i = 0; i < links; i++) {
    t.add({ id: id + 1, parent: id, edge: 'someMethod', kind: 'property' });
    t.setLabel(id + 1, 'someMethod()');
    t.add({ id: id + 2, parent: id + 1, edge: 'originalThing', kind: 'closure-variable' });
    t.setLabel(id + 2, 'Object');
    id += 2;
  }
  return t;
}

test('the longest run of one closure variable per root, with its holder', () => {
  expect(closureChains(replaceThing(1))).toEqual([]); // one link is not a chain
  const [c] = closureChains(replaceThing(5));
  expect(c).toMatchObject({
    root: 'window.theThing',
    variable: 'originalThing',
    holder: 'someMethod()',
    length: 5,
  });
  expect(c.chain).toHaveLength(8); // bounded for display
});

test('collection sizes keyed by path, largest first; records inside entries and prototypes are not collections', () => {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: 'const cache', kind: 'lexical' },
    { holder: 'script', edge: 'const cache', kind: 'lexical' },
  );
  t.add(
    { id: 1, parent: -1, edge: 'frames', kind: 'global' },
    { holder: 'window', edge: 'frames', kind: 'global' },
  );
  t.add({ id: 2, parent: 0, edge: "'q1'", kind: 'map-entry' });
  t.add({ id: 3, parent: 1, edge: '0', kind: 'element' });
  t.add({ id: 4, parent: 1, edge: '1', kind: 'element' });
  t.add(
    { id: 5, parent: -1, edge: 'App', kind: 'global' },
    { holder: 'window', edge: 'App', kind: 'global' },
  );
  t.add({ id: 6, parent: 5, edge: 'prototype', kind: 'property' });
  const sizes = collectionSizes(
    t,
    [
      { id: 0, kind: 'Map', size: 1 },
      { id: 1, kind: 'Array', size: 2 },
      { id: 2, kind: 'Object', size: 4 },
      { id: 6, kind: 'Object', size: 1 },
    ],
    [
      { searchId: 3, bytes: 400 },
      { searchId: 4, bytes: 400 },
      { searchId: -1, bytes: 9 },
    ],
  );
  expect(sizes.map((c) => [c.path, c.kind, c.size, c.pixelObjects, c.pixelBytes])).toEqual([
    ['window.frames', 'Array', 2, 2, 800],
    ['script cache', 'Map', 1, 0, 0],
  ]);
});

test('paths read like code', () => {
  expect(
    pathOf([
      { holder: 'window', edge: 'app', edgeKind: 'global', object: 'Object' },
      { holder: 'Object', edge: 'items', edgeKind: 'property', object: 'Array(3)' },
      { holder: 'Array(3)', edge: '2', edgeKind: 'element', object: 'Object' },
      { holder: 'Object', edge: 'render', edgeKind: 'property', object: 'render()' },
      { holder: 'render()', edge: 'cache', edgeKind: 'closure-variable', object: 'Map(2)' },
    ]),
  ).toBe('window.app.items[2].render → render() → (closure) cache');
});

test("a collection behind a short array's slot keeps its path (routes[1].hooks.after[0]); one inside a long list's records does not", () => {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: "'hashchange' listener", kind: 'listener' },
    { holder: 'window', edge: "'hashchange' listener", kind: 'listener' },
  );
  t.setLabel(0, 'render()');
  t.add({ id: 1, parent: 0, edge: 'routes', kind: 'closure-variable' });
  t.add({ id: 2, parent: 1, edge: '1', kind: 'element' });
  t.add({ id: 3, parent: 2, edge: 'hooks', kind: 'property' });
  t.add({ id: 4, parent: 3, edge: 'after', kind: 'property' });
  t.add({ id: 5, parent: 4, edge: '0', kind: 'element' });
  t.setLabel(5, 'remember()');
  t.add({ id: 6, parent: 5, edge: 'seen', kind: 'closure-variable' });
  t.add(
    { id: 7, parent: -1, edge: 'const todos', kind: 'lexical' },
    { holder: 'script', edge: 'const todos', kind: 'lexical' },
  );
  t.add({ id: 8, parent: 7, edge: '40', kind: 'element' });
  t.add({ id: 9, parent: 8, edge: 'tags', kind: 'property' });
  const sizes = collectionSizes(
    t,
    [
      { id: 1, kind: 'Array', size: 2 },
      { id: 4, kind: 'Array', size: 1 },
      { id: 6, kind: 'Map', size: 3 },
      { id: 7, kind: 'Array', size: 50 },
      { id: 9, kind: 'Array', size: 2 },
    ],
    [],
  );
  expect(sizes.map((c) => c.path)).toEqual([
    'script todos',
    "window 'hashchange' listener → render() → (closure) routes[1].hooks.after[0] → remember() → (closure) seen",
    "window 'hashchange' listener → render() → (closure) routes",
    "window 'hashchange' listener → render() → (closure) routes[1].hooks.after",
  ]);
});
