import { expect, test } from 'vitest';
import { RetainerTree } from '../../../src/live/tree.ts';

test('chains carry the root label, edges and the target label override', () => {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: "'resize' listener", kind: 'listener' },
    { holder: 'window', edge: "'resize' listener", kind: 'listener' },
  );
  t.add({ id: 1, parent: 0, edge: 'dlg', kind: 'closure-variable' });
  t.setLabel(0, 'onResize()');
  t.setLabel(1, 'Object');
  t.setCallsite(0, {
    kind: 'defined',
    url: null,
    scriptId: '4',
    line: 15,
    column: 21,
    functionName: 'onResize',
  });
  expect(t.chain(1, '<section class="dialog">')).toEqual([
    { holder: 'window', edge: "'resize' listener", edgeKind: 'listener', object: 'onResize()' },
    { holder: 'onResize()', edge: 'dlg', edgeKind: 'closure-variable', object: '<section class="dialog">' },
  ]);
  expect(t.chainCallsite(1)?.functionName).toBe('onResize');
  expect(t.rootOf(1)).toBe(0);
});

test('the callsite is the function whose closure holds the last closure variable', () => {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: 'theThing', kind: 'global' },
    { holder: 'window', edge: 'theThing', kind: 'global' },
  );
  t.add({ id: 1, parent: 0, edge: 'someMethod', kind: 'property' });
  t.add({ id: 2, parent: 1, edge: 'originalThing', kind: 'closure-variable' });
  t.add({ id: 3, parent: 2, edge: 'someMethod', kind: 'property' });
  t.add({ id: 4, parent: 3, edge: 'originalThing', kind: 'closure-variable' });
  t.add({ id: 5, parent: 4, edge: 'preview', kind: 'property' });
  t.setCallsite(1, { kind: 'defined', url: null, scriptId: '1', line: 1, column: 0, functionName: 'outer' });
  t.setCallsite(3, { kind: 'defined', url: null, scriptId: '1', line: 9, column: 0, functionName: 'inner' });
  expect(t.chainCallsite(5)?.functionName).toBe('inner');
  expect(t.chain(5)).toHaveLength(6);
});
