import { describe, expect, test } from 'vitest';
import { buildGraph } from '../../../src/heap/graph.ts';
import { computeDistances, SYSTEM_BASE, UNREACHABLE } from '../../../src/heap/passes/distances.ts';
import { buildEdgeMask, ESSENTIAL, PATH } from '../../../src/heap/passes/edge-mask.ts';
import { buildRetainerIndex } from '../../../src/heap/passes/retainers.ts';
import { parseText } from './load.ts';
import { type SynthEdge, type SynthNode, snapshotText } from './snapshot-builder.ts';

const nodes: SynthNode[] = [
  { key: 'root' },
  { key: 'gc', type: 'synthetic', name: '(GC roots)' },
  { key: 'win', type: 'native', name: 'Window / https://x.test' },
  { key: 'a' },
  { key: 'b' },
  { key: 'engineOnly' },
  { key: 'weakOnly' },
  { key: 'nc', type: 'native', name: 'system / NativeContext / https://x.test' },
  { key: 'fnmap', type: 'object shape', name: 'system / Map' },
  { key: 'hookMap', name: 'LeakscopeMap' },
  { key: 'listenerVec', type: 'native', name: 'EventListenerVector' },
  { key: 'handler', type: 'closure', name: 'onResize' },
  { key: 'look', name: 'LeakscopeLookalike-not' },
];
const edges: SynthEdge[] = [
  { from: 'root', to: 'gc', type: 'element', name: 1 },
  { from: 'gc', to: 'win', type: 'element', name: 1 },
  { from: 'gc', to: 'engineOnly', type: 'element', name: 2 },
  { from: 'win', to: 'a', name: 'a' },
  { from: 'win', to: 'nc', type: 'internal', name: 'native_context' },
  // The page hook's registry reaches the handler in 2 hops, the browser's listener list in 3: chains take the latter.
  // (Edges are listed grouped by their node, in node order, as in a real snapshot.)
  { from: 'win', to: 'hookMap', name: 'registry' },
  { from: 'win', to: 'listenerVec', type: 'internal', name: 'listeners' },
  { from: 'a', to: 'b', name: 'b' },
  { from: 'a', to: 'a', name: 'self' },
  { from: 'a', to: 'b', type: 'shortcut', name: 'alias' },
  { from: 'b', to: 'weakOnly', type: 'weak', name: 'w' },
  { from: 'nc', to: 'fnmap', type: 'internal', name: 'sloppy_function_map' },
  { from: 'hookMap', to: 'handler', type: 'internal', name: 'table' },
  { from: 'listenerVec', to: 'look', type: 'internal', name: 'resize' },
  { from: 'look', to: 'handler', type: 'internal', name: 'callback' },
];
const graph = () => buildGraph(parseText(snapshotText(nodes, edges)));
const ord = (k: string) => nodes.findIndex((n) => n.key === k);

describe('graph passes, one at a time', () => {
  test('first-edge index: each node owns a contiguous range of edge slots', () => {
    const g = graph();
    const counts = nodes.map((n) => edges.filter((e) => e.from === n.key).length);
    const expected = [0];
    for (const c of counts) expected.push(expected.at(-1)! + c);
    expect(Array.from(g.firstEdge)).toEqual(expected);
  });

  test('edge mask: weak never; self and non-root shortcut edges are not essential; noise edges are not paths', () => {
    const g = graph();
    const mask = buildEdgeMask(g);
    const bits = (from: string, name: string) => {
      const i = edges.findIndex((e) => e.from === from && (e.name === name || String(e.name) === name));
      return mask[i];
    };
    expect(bits('a', 'b')).toBe(ESSENTIAL | PATH);
    expect(bits('b', 'w')).toBe(0);
    expect(bits('a', 'self')).toBe(PATH);
    expect(bits('a', 'alias')).toBe(PATH);
    expect(bits('nc', 'sloppy_function_map')).toBe(ESSENTIAL);
    // Into the page hook's own classes: still retains (sizes stay true), but no chain goes through it.
    expect(bits('win', 'registry')).toBe(ESSENTIAL);
    expect(bits('listenerVec', 'resize')).toBe(ESSENTIAL | PATH); // only names of the form LeakscopeXxx count
  });

  test('retainer index: who retains a node (essential edges only: no weak, self or non-root shortcut edges)', () => {
    const g = graph();
    const r = buildRetainerIndex(g, buildEdgeMask(g));
    const retainersOf = (k: string) => {
      const o = ord(k);
      return Array.from(r.retainerNode.subarray(r.firstRetainer[o], r.firstRetainer[o + 1])).map(
        (x) => nodes[x].key,
      );
    };
    expect(retainersOf('b')).toEqual(['a']);
    expect(retainersOf('weakOnly')).toEqual([]);
    expect(retainersOf('a')).toEqual(['win']);
  });

  test('distances: user roots first, engine-only nodes after SYSTEM_BASE, weakly held ones unreachable', () => {
    const g = graph();
    const { distance, userRoots } = computeDistances(g, buildEdgeMask(g));
    expect(Array.from(userRoots)).toEqual([ord('win')]);
    expect(distance[ord('win')]).toBe(1);
    expect(distance[ord('b')]).toBe(3);
    expect(distance[ord('root')]).toBe(SYSTEM_BASE);
    expect(distance[ord('engineOnly')]).toBe(SYSTEM_BASE + 2);
    expect(distance[ord('weakOnly')]).toBe(UNREACHABLE);
    expect(distance[ord('fnmap')]).toBe(UNREACHABLE); // its only path is the sloppy_function_map noise edge
    expect(distance[ord('hookMap')]).toBe(UNREACHABLE);
    expect(distance[ord('handler')]).toBe(4); // win → listenerVec → look → handler, not through the hook's map
  });
});
