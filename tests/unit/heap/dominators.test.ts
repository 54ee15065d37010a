import { describe, expect, test } from 'vitest';
import { analyzeSynthetic } from './load.ts';
import type { SynthEdge, SynthNode } from './snapshot-builder.ts';

/** Names of the immediate dominators, by node key, for readable assertions. */
async function idoms(nodes: SynthNode[], edges: SynthEdge[]) {
  const { heap, keyOf } = await analyzeSynthetic(nodes, edges);
  const out: Record<string, string> = {};
  nodes.forEach((n, o) => {
    out[n.key] = keyOf(heap.dominators.idom[o]);
  });
  const retained: Record<string, number> = {};
  nodes.forEach((n, o) => {
    retained[n.key] = heap.retained[o];
  });
  return { idom: out, retained };
}

const N = (...keys: string[]): SynthNode[] => [
  { key: 'root' },
  ...keys.map((key) => ({ key, selfSize: 10 })),
];
const E = (spec: string): SynthEdge[] =>
  spec
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const [from, to] = pair.split('>');
      return { from, to };
    });

describe('dominator tree (Lengauer–Tarjan over essential edges)', () => {
  test('chain: each node dominates the next', async () => {
    const { idom, retained } = await idoms(N('a', 'b', 'c'), E('root>a a>b b>c'));
    expect(idom).toEqual({ root: 'root', a: 'root', b: 'a', c: 'b' });
    expect(retained).toEqual({ root: 30, a: 30, b: 20, c: 10 });
  });

  test('diamond: the join is dominated by the fork, not by either branch', async () => {
    const { idom, retained } = await idoms(N('a', 'b', 'c', 'd'), E('root>a a>b a>c b>d c>d'));
    expect(idom.d).toBe('a');
    expect(retained.b).toBe(10);
    expect(retained.a).toBe(40);
  });

  test('cycle: the entry point dominates the whole cycle', async () => {
    const { idom, retained } = await idoms(N('a', 'b', 'c'), E('root>a a>b b>c c>a'));
    expect(idom).toEqual({ root: 'root', a: 'root', b: 'a', c: 'b' });
    expect(retained.a).toBe(30);
  });

  test('cycle with two entries: nothing inside dominates the other entry', async () => {
    const { idom } = await idoms(N('x', 'y', 'a', 'b'), E('root>x root>y x>a y>b a>b b>a'));
    expect(idom.a).toBe('root');
    expect(idom.b).toBe('root');
  });

  test('unreachable island: attached under the root, dominance inside it still computed', async () => {
    const { idom, retained } = await idoms(N('a', 'i1', 'i2', 'i3'), E('root>a i1>i2 i2>i3 i3>i2'));
    expect(idom.i1).toBe('root');
    expect(idom.i2).toBe('i1');
    expect(idom.i3).toBe('i2');
    expect(retained.i1).toBe(30);
    expect(retained.root).toBe(40);
  });

  test('a node retained only through a weak edge is not retained by its holder', async () => {
    const { idom, retained } = await idoms(N('holder', 'cache'), [
      { from: 'root', to: 'holder' },
      { from: 'holder', to: 'cache', type: 'weak' },
    ]);
    expect(idom.cache).toBe('root');
    expect(retained.holder).toBe(10);
  });

  test('shortcut edges count only from the root; self edges never', async () => {
    const { idom } = await idoms(N('g', 'a', 'b'), [
      { from: 'root', to: 'g', type: 'shortcut' },
      { from: 'g', to: 'a' },
      { from: 'a', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'root', to: 'b', type: 'element', name: 1 },
      { from: 'g', to: 'b', type: 'shortcut' },
    ]);
    expect(idom.g).toBe('root');
    expect(idom.a).toBe('g');
    expect(idom.b).toBe('root');
  });

  test('WeakMap: the table → value edge does not retain, the key → value edge does', async () => {
    const nodes: SynthNode[] = [
      { key: 'root' },
      { key: 'map', id: 11 },
      { key: 'table', type: 'array', name: '', id: 13 },
      { key: 'key', id: 15 },
      { key: 'value', id: 17, selfSize: 1000 },
    ];
    const pair = '1 / part of key (Object @15) -> value (Object @17) pair in WeakMap (table @13)';
    const { idom, retained } = await idoms(nodes, [
      { from: 'root', to: 'map' },
      { from: 'root', to: 'key' },
      { from: 'map', to: 'table', type: 'internal', name: 'table' },
      { from: 'table', to: 'key', type: 'weak', name: 'key' },
      { from: 'table', to: 'value', type: 'internal', name: pair },
      { from: 'key', to: 'value', type: 'internal', name: pair },
    ]);
    expect(idom.value).toBe('key');
    expect(retained.key).toBe(1010);
    expect(retained.map).toBe(20);
  });
});

/** Dominators by definition: d dominates v when v is unreachable from the root once d is removed. */
function naiveDominators(n: number, succ: number[][]) {
  const reach = (removed: number) => {
    const seen = new Uint8Array(n);
    if (removed === 0) return seen;
    const stack = [0];
    seen[0] = 1;
    while (stack.length) {
      const x = stack.pop()!;
      for (const y of succ[x]) {
        if (y !== removed && !seen[y]) {
          seen[y] = 1;
          stack.push(y);
        }
      }
    }
    return seen;
  };
  const doms: number[][] = Array.from({ length: n }, () => []);
  for (let d = 1; d < n; d++) {
    const seen = reach(d);
    for (let v = 1; v < n; v++) if (v !== d && !seen[v]) doms[v].push(d);
  }
  // The immediate dominator is the strict dominator with the most dominators of its own (the deepest).
  const idom = doms.map((ds) =>
    ds.length === 0 ? 0 : ds.reduce((a, b) => (doms[a].length > doms[b].length ? a : b)),
  );
  idom[0] = 0;
  return { idom, doms };
}

function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

describe('dominators and retained sizes match the definition on random graphs', () => {
  test.each(Array.from({ length: 46 }, (_, i) => i + 1))('random graph %i', async (seed) => {
    const rand = rng(seed);
    // Mostly small graphs (every shape early), a few of a few hundred nodes (deep compression paths).
    const n = seed > 40 ? 200 + Math.floor(rand() * 200) : 4 + Math.floor(rand() * 30);
    const nodes: SynthNode[] = [{ key: 'root' }];
    for (let i = 1; i < n; i++) nodes.push({ key: `n${i}`, selfSize: 1 + Math.floor(rand() * 100) });
    const edges: SynthEdge[] = [];
    const succ: number[][] = Array.from({ length: n }, () => []);
    const types = ['property', 'element', 'internal', 'context', 'hidden', 'weak', 'shortcut'];
    for (let i = 1; i < n; i++) {
      // Every node reachable: one essential edge from an earlier node.
      const j = Math.floor(rand() * i);
      edges.push({ from: nodes[j].key, to: nodes[i].key });
      succ[j].push(i);
    }
    const extra = Math.floor(rand() * n * 2);
    for (let k = 0; k < extra; k++) {
      const a = Math.floor(rand() * n);
      const b = 1 + Math.floor(rand() * (n - 1));
      const type = types[Math.floor(rand() * types.length)];
      edges.push({
        from: nodes[a].key,
        to: nodes[b].key,
        type,
        name: type === 'element' || type === 'hidden' ? k : `e${k}`,
      });
      const essential = type !== 'weak' && a !== b && (type !== 'shortcut' || a === 0);
      if (essential) succ[a].push(b);
    }
    const { heap } = await analyzeSynthetic(nodes, edges);
    const naive = naiveDominators(n, succ);
    expect(Array.from(heap.dominators.idom)).toEqual(naive.idom);
    for (let v = 0; v < n; v++) {
      let expected = nodes[v].selfSize ?? 0;
      for (let u = 0; u < n; u++) if (naive.doms[u].includes(v)) expected += nodes[u].selfSize ?? 0;
      if (v === 0) expected = nodes.reduce((s, x) => s + (x.selfSize ?? 0), 0);
      expect(heap.retained[v], `retained size of n${v}`).toBe(expected);
    }
  });
});
