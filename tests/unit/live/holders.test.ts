import { describe, expect, test } from 'vitest';
import { runBfs } from '../../../src/live/bfs.ts';
import { holdersOf } from '../../../src/live/holders.ts';
import { RetainerTree } from '../../../src/live/tree.ts';
import type { EdgeKind } from '../../../src/live/types.ts';
import { type Graph, GraphExplorer } from './synthetic.ts';

const budget = { ms: 10_000, objects: 1_000_000 };
type Root = { node: string; holder: string; edge: string; kind: EdgeKind };

/** Targets: node → tree (several nodes of one detached tree are one group, as in the scan). */
async function search(graph: Graph, roots: Root[], targets: Record<string, number>, holderLevels = 8) {
  const names = Object.keys(targets);
  const explorer = new GraphExplorer(graph, roots, new Map(names.map((n, i) => [n, i])));
  const tree = new RetainerTree();
  const groups = new Set(Object.values(targets));
  const out = await runBfs(explorer, tree, {
    targets: groups.size,
    groupOf: (t) => targets[names[t]],
    budget,
    holderLevels,
  });
  const holders = (group: number) => {
    const hit = out.found.get(group)!;
    return holdersOf(tree, group, tree.rootOf(hit.id), () => undefined, tree.reachByRoot());
  };
  const chainText = (hops: Array<{ holder: string; edge: string; object: string }>) =>
    [hops[0].holder, ...hops.flatMap((h) => [h.edge, h.object])].join(' → ');
  return { explorer, tree, out, holders, chainText };
}

describe('every holder of a tree, not one shortest path', () => {
  test('an interval behind a shorter const: the timer is a holder with its chain through this → Ticker → el', async () => {
    // script const card → <div card> (tree 0, reached at once); setInterval callback → this → Ticker → el → <span>
    // (a node of the same tree, three hops further) and Ticker → data (a big array).
    const graph: Graph = {
      tick: [{ to: 'Ticker', name: 'this', kind: 'closure-variable' }],
      Ticker: [
        { to: 'span', name: 'el' },
        { to: 'data', name: 'data' },
      ],
    };
    const roots: Root[] = [
      { node: 'card', holder: 'script', edge: 'const card', kind: 'lexical' },
      { node: 'tick', holder: 'setInterval #1 (200 ms)', edge: 'callback', kind: 'timer' },
    ];
    const { out, holders, chainText, tree } = await search(graph, roots, { card: 0, span: 0 });
    expect(tree.chain(out.found.get(0)!.id)[0].edge).toBe('const card');
    const hs = holders(0);
    expect(hs).toHaveLength(1);
    expect(hs[0].rootKind).toBe('timer');
    expect(chainText(hs[0].chain)).toBe(
      'setInterval #1 (200 ms) → callback → tick → this → Ticker → el → span',
    );
    // The timer's reach (what it alone keeps) includes the big array.
    expect(hs[0].reach?.objects).toBe(4);
    expect(out.holderLevels).toBeGreaterThan(0);
  });

  test('a resize listener whose closure keeps a dialog a global reached first (cross edge into the node)', async () => {
    const graph: Graph = { onResize: [{ to: 'dialog', name: 'dlg', kind: 'closure-variable' }] };
    const roots: Root[] = [
      { node: 'dialog', holder: 'window', edge: 'lastDialog', kind: 'global' },
      { node: 'onResize', holder: 'window', edge: "'resize' listener", kind: 'listener' },
    ];
    const { holders, chainText } = await search(graph, roots, { dialog: 0 });
    const hs = holders(0);
    expect(hs.map((h) => h.rootKind)).toEqual(['listener']);
    expect(chainText(hs[0].chain)).toBe("window → 'resize' listener → onResize → dlg → dialog");
  });

  test('an observer entering an object a global reached first, above the node: its chain follows the BFS path down', async () => {
    const graph: Graph = {
      app: [{ to: 'state', name: 'state' }],
      state: [{ to: 'panel', name: 'panel' }],
      observe: [{ to: 'state', name: 'state', kind: 'closure-variable' }],
    };
    const roots: Root[] = [
      { node: 'app', holder: 'window', edge: 'app', kind: 'global' },
      { node: 'observe', holder: 'ResizeObserver', edge: 'callback', kind: 'observer' },
    ];
    const { holders, chainText } = await search(graph, roots, { panel: 0 });
    const hs = holders(0);
    expect(hs.map((h) => h.rootKind)).toEqual(['observer']);
    expect(chainText(hs[0].chain)).toBe(
      'ResizeObserver → callback → observe → state → state → panel → panel',
    );
  });

  test('the holders phase walks on only from callbacks, and not at all without holderLevels', async () => {
    // A big global region past the point where the tree is explained is never expanded for holders.
    const graph: Graph = {
      store: [{ to: 'r0', name: '0' }],
      r0: [{ to: 'r1', name: 'next' }],
      r1: [{ to: 'r2', name: 'next' }],
      r2: [{ to: 'r3', name: 'next' }],
      handler: [{ to: 'ctx', name: 'ctx', kind: 'closure-variable' }],
      ctx: [{ to: 'node', name: 'node' }],
    };
    const roots: Root[] = [
      { node: 'node', holder: 'window', edge: 'kept', kind: 'global' },
      { node: 'store', holder: 'window', edge: 'store', kind: 'global' },
      { node: 'handler', holder: 'button', edge: "'click' listener", kind: 'listener' },
    ];
    const withHolders = await search(graph, roots, { node: 0 });
    expect(withHolders.holders(0).map((h) => h.rootKind)).toEqual(['listener']);
    // The seed explains the tree; then only the listener's objects are expanded (handler, ctx), never store's r0..r3.
    expect(withHolders.explorer.expansions).toBe(2);
    const without = await search(graph, roots, { node: 0 }, 0);
    expect(without.holders(0)).toEqual([]);
    expect(without.explorer.expansions).toBe(0);
  });

  test('one holder per root, its shortest chain; the root that explains the tree is left out', async () => {
    const graph: Graph = {
      a: [
        { to: 'x', name: 'x' },
        { to: 'n1', name: 'n1' },
      ],
      x: [{ to: 'n2', name: 'n2' }],
    };
    const roots: Root[] = [
      { node: 'g', holder: 'window', edge: 'g', kind: 'global' },
      { node: 'a', holder: 'setInterval #2 (50 ms)', edge: 'callback', kind: 'timer' },
    ];
    graph.g = [{ to: 'n0', name: 'n0' }];
    const { holders, chainText } = await search(graph, roots, { n0: 0, n1: 0, n2: 0 });
    const hs = holders(0);
    expect(hs).toHaveLength(1);
    expect(chainText(hs[0].chain)).toBe('setInterval #2 (50 ms) → callback → a → n1 → n1');
  });
});
