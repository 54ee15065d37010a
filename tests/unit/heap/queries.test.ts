import { describe, expect, test } from 'vitest';
import { chainText } from '../../../src/chain.ts';
import { heapHops } from '../../../src/heap/hops.ts';
import { aggregateByClass } from '../../../src/heap/queries/aggregate.ts';
import { retainerChain } from '../../../src/heap/queries/chain.ts';
import { findClosures } from '../../../src/heap/queries/closures.ts';
import { findDetachedTrees } from '../../../src/heap/queries/detached.ts';
import { largestObjects } from '../../../src/heap/queries/largest.ts';
import { buildAnalysisResult } from '../../../src/heap/report.ts';
import { analyzeSynthetic } from './load.ts';
import type { SynthEdge, SynthNode } from './snapshot-builder.ts';

describe('retainer chains', () => {
  const nodes: SynthNode[] = [
    { key: 'root' },
    { key: 'gcroots', type: 'synthetic', name: '(GC roots)' },
    { key: 'window', type: 'native', name: 'Window / https://a.test' },
    { key: 'ctx', type: 'object', name: 'system / Context' },
    { key: 'cache', name: 'Map' },
    { key: 'backing', type: 'array', name: '' },
    { key: 'leak', name: 'Leak', selfSize: 500 },
    { key: 'other', name: 'Holder' },
    { key: 'weakHolder', name: 'WeakRefHolder' },
    { key: 'internalOnly', name: 'Thing' },
  ];
  const edges: SynthEdge[] = [
    { from: 'root', to: 'gcroots', type: 'element', name: 1 },
    { from: 'gcroots', to: 'window', type: 'element', name: 1 },
    { from: 'window', to: 'ctx', type: 'internal', name: 'script_context' },
    { from: 'ctx', to: 'cache', type: 'context', name: 'cache' },
    { from: 'cache', to: 'backing', type: 'internal', name: 'table' },
    { from: 'backing', to: 'leak', type: 'internal', name: '3' },
    // A longer path through `other`, and a weak one that is shorter: neither should be chosen.
    { from: 'window', to: 'other', type: 'property', name: 'holder' },
    { from: 'other', to: 'weakHolder', type: 'property', name: 'next' },
    { from: 'weakHolder', to: 'cache', type: 'property', name: 'more' },
    { from: 'window', to: 'leak', type: 'weak', name: 'ref' },
    // Same length through an internal and a property edge: the property edge reads better and wins.
    { from: 'ctx', to: 'internalOnly', type: 'internal', name: 'slot' },
    { from: 'other', to: 'internalOnly', type: 'property', name: 'thing' },
  ];

  test('the chain is the shortest non-weak path from the user root, as {node, edge} steps', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const chain = retainerChain(heap, ord('leak'));
    expect(chain.map((s) => [s.edge, s.node.className])).toEqual([
      [null, 'Window'],
      ['script_context', 'system / Context'],
      ['cache', 'Map'],
      ['table', '(array)'],
      ['3', 'Leak'],
    ]);
    expect(chain[2].edgeType).toBe('context');
    expect(chainText(heapHops(chain))).toBe(
      'Window → script_context → system / Context → closure variable cache → Map → table → (array) → 3 → Leak',
    );
    expect(chain[4].node.distance).toBe(5);
  });

  test('among equally short retainers a named edge beats an internal one', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const chain = retainerChain(heap, ord('internalOnly'));
    expect(chain.map((s) => s.edge)).toEqual([null, 'holder', 'thing']);
  });

  test('a node reached only by the engine chains back to the root; an unreachable one has no chain', async () => {
    const { heap, ord } = await analyzeSynthetic(
      [...nodes, { key: 'sys', name: 'Internal' }, { key: 'lost', name: 'Lost' }],
      [
        ...edges,
        { from: 'gcroots', to: 'sys', type: 'element', name: 2 },
        { from: 'window', to: 'lost', type: 'weak' },
      ],
    );
    expect(retainerChain(heap, ord('sys')).map((s) => s.node.className)).toEqual([
      'root',
      '(GC roots)',
      'Internal',
    ]);
    expect(retainerChain(heap, ord('lost')).map((s) => s.node.className)).toEqual(['Lost']);
    expect(retainerChain(heap, ord('lost'))[0].node.distance).toBeNull();
  });

  test('Node-style snapshots: the root shortcut to the global object marks the user root', async () => {
    const { heap, ord } = await analyzeSynthetic(
      [
        { key: 'root' },
        { key: 'global', name: 'global' },
        { key: 'list', type: 'array', name: '' },
        { key: 'x', name: 'X' },
      ],
      [
        { from: 'root', to: 'global', type: 'shortcut' },
        { from: 'global', to: 'list', type: 'property', name: 'items' },
        { from: 'list', to: 'x', type: 'element', name: 7 },
      ],
      { fields: 7 },
    );
    expect(Array.from(heap.distances.userRoots)).toEqual([ord('global')]);
    expect(chainText(heapHops(retainerChain(heap, ord('x'))))).toBe('global → items → (array) → [7] → X');
  });
});

describe('class names, detached DOM and aggregation', () => {
  const nodes: SynthNode[] = [
    { key: 'root' },
    { key: 'window', type: 'native', name: 'Window / https://a.test', detachedness: 0 },
    { key: 'doc', type: 'native', name: 'HTMLDocument', detachedness: 1 },
    { key: 'body', type: 'native', name: '<body>' },
    { key: 'div', type: 'native', name: '<div id="live" class="x">' },
    { key: 'ctx', type: 'object', name: 'system / Context' },
    // A detached <ul> with two <li> (each with a text node); only the <ul> carries the state.
    { key: 'ul', type: 'native', name: '<ul>', detachedness: 2, selfSize: 100 },
    { key: 'li1', type: 'native', name: '<li>', selfSize: 100 },
    { key: 'li2', type: 'native', name: '<li>', selfSize: 100 },
    { key: 't1', type: 'native', name: 'Text', selfSize: 50 },
    { key: 't2', type: 'native', name: 'Text', selfSize: 50 },
    { key: 'style', type: 'native', name: 'CSSStyleDeclaration', selfSize: 30 },
  ];
  // Blink's order: children (first, last), the document, then the parent.
  const edges: SynthEdge[] = [
    { from: 'root', to: 'window', type: 'element', name: 1 },
    { from: 'window', to: 'doc', type: 'element', name: 1 },
    { from: 'doc', to: 'body', type: 'element', name: 1 },
    { from: 'body', to: 'div', type: 'element', name: 1 },
    { from: 'body', to: 'doc', type: 'element', name: 2 },
    { from: 'div', to: 'doc', type: 'element', name: 1 },
    { from: 'div', to: 'body', type: 'element', name: 2 },
    { from: 'window', to: 'ctx', type: 'internal', name: 'script_context' },
    { from: 'ctx', to: 'li2', type: 'context', name: 'selectedItem' },
    { from: 'ul', to: 'li1', type: 'element', name: 1 },
    { from: 'ul', to: 'li2', type: 'element', name: 2 },
    { from: 'ul', to: 'doc', type: 'element', name: 3 },
    { from: 'li1', to: 't1', type: 'element', name: 1 },
    { from: 'li1', to: 'doc', type: 'element', name: 2 },
    { from: 'li1', to: 'ul', type: 'element', name: 3 },
    { from: 'li1', to: 'li2', type: 'element', name: 4 },
    { from: 'li2', to: 't2', type: 'element', name: 1 },
    { from: 'li2', to: 'doc', type: 'element', name: 2 },
    { from: 'li2', to: 'ul', type: 'element', name: 3 },
    { from: 'li2', to: 'li1', type: 'element', name: 4 },
    { from: 't1', to: 'doc', type: 'element', name: 1 },
    { from: 't1', to: 'li1', type: 'element', name: 2 },
    { from: 't2', to: 'doc', type: 'element', name: 1 },
    { from: 't2', to: 'li2', type: 'element', name: 2 },
    { from: 'ul', to: 'style', type: 'internal', name: 'style' },
  ];

  test('detached state spreads from decided nodes through native nodes; attached wins', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const cls = (k: string) => heap.classes.names[heap.classes.classId[ord(k)]];
    expect(cls('ul')).toBe('Detached <ul>');
    expect(cls('li1')).toBe('Detached <li>');
    expect(cls('t2')).toBe('Detached Text');
    expect(cls('div')).toBe('<div>');
    expect(cls('body')).toBe('<body>');
    expect(cls('window')).toBe('Window');
    expect(heap.detachedness[ord('style')]).toBe(2); // native, reached from the detached tree
  });

  test('a detached tree: its top node, DOM node count, retained size and the chain that holds it', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const trees = findDetachedTrees(heap);
    expect(trees).toHaveLength(1);
    expect(trees[0].root).toBe(ord('ul'));
    expect(trees[0].entry).toBe(ord('li2'));
    expect(trees[0].members.length).toBe(5);
    expect(trees[0].retainedSize).toBe(100 * 3 + 50 * 2 + 30);
    const result = buildAnalysisResult(heap);
    expect(result.detachedTrees[0].chain.map((s) => s.edge)).toEqual([
      null,
      'script_context',
      'selectedItem',
    ]);
    expect(result.summary.detachedDomNodes).toBe(5);
  });

  test('old snapshots without detachedness: the "Detached " name prefix decides', async () => {
    const old = nodes.map((n) => (n.key === 'ul' ? { ...n, name: 'Detached HTMLUListElement' } : n));
    const { heap, ord } = await analyzeSynthetic(old, edges, { fields: 5 });
    expect(heap.classes.names[heap.classes.classId[ord('ul')]]).toBe('Detached HTMLUListElement');
    expect(heap.detachedness[ord('li1')]).toBe(2);
  });

  test('class aggregates: counts, self sizes, and retained sizes that do not double count nested instances', async () => {
    const { heap } = await analyzeSynthetic(
      [
        { key: 'root' },
        { key: 'g', name: 'global' },
        { key: 'n1', name: 'Node', selfSize: 10 },
        { key: 'n2', name: 'Node', selfSize: 10 },
        { key: 'n3', name: 'Node', selfSize: 10 },
        { key: 'payload', name: 'Payload', selfSize: 1000 },
      ],
      [
        { from: 'root', to: 'g', type: 'shortcut' },
        { from: 'g', to: 'n1', name: 'head' },
        { from: 'n1', to: 'n2', name: 'next' },
        { from: 'n2', to: 'n3', name: 'next' },
        { from: 'n3', to: 'payload', name: 'data' },
      ],
    );
    const node = aggregateByClass(heap).find((c) => c.className === 'Node')!;
    expect(node).toEqual({ className: 'Node', count: 3, selfSize: 30, retainedSize: 1030 });
    expect(aggregateByClass(heap).some((c) => c.className === '(synthetic)')).toBe(false);
  });
});

describe('largest objects and closures', () => {
  const nodes: SynthNode[] = [
    { key: 'root' },
    { key: 'g', name: 'global' },
    { key: 'fn', type: 'closure', name: 'onTick' },
    { key: 'fn2', type: 'closure', name: 'onStop' },
    { key: 'ctx', type: 'object', name: 'system / Context' },
    { key: 'big', type: 'array', name: '', selfSize: 80_000 },
    { key: 'small', name: 'Options', selfSize: 40 },
    { key: 'code', type: 'code', name: 'system / Code', selfSize: 1_000_000 },
  ];
  const edges: SynthEdge[] = [
    { from: 'root', to: 'g', type: 'shortcut' },
    { from: 'g', to: 'fn', name: 'timer' },
    { from: 'g', to: 'fn2', name: 'stop' },
    { from: 'g', to: 'code', type: 'internal', name: 'code' },
    { from: 'fn', to: 'ctx', type: 'internal', name: 'context' },
    { from: 'fn2', to: 'ctx', type: 'internal', name: 'context' },
    { from: 'ctx', to: 'big', type: 'context', name: 'samples' },
    { from: 'ctx', to: 'small', type: 'context', name: 'options' },
    { from: 'ctx', to: 'g', type: 'context', name: 'this' },
  ];

  test('largest objects skip engine internals and come with chains', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const top = largestObjects(heap, 3);
    expect(top[0]).toBe(ord('big'));
    expect(top).not.toContain(ord('code'));
    expect(top).not.toContain(ord('g'));
  });

  test('closures list captured variables by size, once per shared context', async () => {
    const { heap, ord } = await analyzeSynthetic(nodes, edges);
    const [c] = findClosures(heap, 10);
    expect(c.closure).toBe(ord('fn'));
    expect(c.sharedBy).toBe(2);
    expect(c.captured.map(([name]) => name)).toEqual(['this', 'samples', 'options']);
    expect(c.capturedSize).toBe(80_040); // the global behind `this` is not counted
  });

  test('the result is plain data that survives structuredClone and JSON', async () => {
    const { heap } = await analyzeSynthetic(nodes, edges);
    const result = buildAnalysisResult(heap);
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.closures[0].functionName).toBe('onTick');
  });
});
