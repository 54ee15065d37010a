import { describe, expect, test } from 'vitest';
import { runBfs } from '../../../src/live/bfs.ts';
import { RetainerTree } from '../../../src/live/tree.ts';
import { type Graph, GraphExplorer } from './synthetic.ts';

const budget = { ms: 10_000, objects: 1_000_000 };

function setup(graph: Graph, roots: Array<[string, string]>, targets: string[]) {
  const explorer = new GraphExplorer(
    graph,
    roots.map(([node, edge]) => ({ node, holder: 'window', edge, kind: 'global' as const })),
    new Map(targets.map((t, i) => [t, i])),
  );
  return { explorer, tree: new RetainerTree() };
}

describe('level-synchronous BFS', () => {
  test('picks the shortest chain even when a longer one is discovered through an earlier root', async () => {
    // long: a → b → c → target (3 hops); short: z → target (1 hop), z is the *second* root.
    const graph: Graph = {
      a: [{ to: 'b', name: 'b' }],
      b: [{ to: 'c', name: 'c' }],
      c: [{ to: 'T', name: 'node' }],
      z: [{ to: 'T', name: 'el', kind: 'closure-variable' }],
    };
    const { explorer, tree } = setup(
      graph,
      [
        ['a', 'first'],
        ['z', 'second'],
      ],
      ['T'],
    );
    const out = await runBfs(explorer, tree, { targets: 1, budget });
    const hit = out.found.get(0)!;
    expect(tree.chain(hit.id).map((h) => [h.holder, h.edge, h.object])).toEqual([
      ['window', 'second', 'z'],
      ['z', 'el', 'T'],
    ]);
    expect(tree.chain(hit.id)[1].edgeKind).toBe('closure-variable');
  });

  test('stops as soon as every target is explained and does not expand the rest', async () => {
    const graph: Graph = {
      r: [
        { to: 'T', name: 't' },
        { to: 'x', name: 'x' },
      ],
      x: [{ to: 'y', name: 'y' }],
      y: [{ to: 'w', name: 'w' }],
    };
    const { explorer, tree } = setup(graph, [['r', 'r']], ['T']);
    const out = await runBfs(explorer, tree, { targets: 1, budget });
    expect(out.complete).toBe(true);
    expect(out.levels).toBe(1);
    expect(explorer.expansions).toBe(1); // only r: x and y are never expanded
  });

  test('minLevels: keeps walking the first levels after every target is explained, chains unchanged', async () => {
    const graph: Graph = {
      r: [
        { to: 'T', name: 't' },
        { to: 'x', name: 'x' },
      ],
      x: [{ to: 'y', name: 'y' }],
      y: [{ to: 'w', name: 'w' }],
      w: [{ to: 'v', name: 'v' }],
    };
    const { explorer, tree } = setup(graph, [['r', 'r']], ['T']);
    const out = await runBfs(explorer, tree, { targets: 1, budget, minLevels: 3 });
    expect(out.levels).toBe(3);
    expect(explorer.expansions).toBe(4); // r, then T and x, then y: w is never expanded
    expect(tree.chain(out.found.get(0)!.id).map((h) => h.edge)).toEqual(['r', 't']);
  });

  test('survives cycles and reports unreachable targets honestly', async () => {
    const graph: Graph = {
      a: [{ to: 'b', name: 'b' }],
      b: [
        { to: 'a', name: 'a' },
        { to: 'b', name: 'self' },
      ],
    };
    const { explorer, tree } = setup(graph, [['a', 'a']], ['T']);
    const out = await runBfs(explorer, tree, { targets: 1, budget });
    expect(out.found.size).toBe(0);
    expect(out.complete).toBe(true); // exhaustive: T is not reachable from these roots
    expect(out.budgetHit).toBeNull();
  });

  test('groups several targets of one tree and explains the group by the nearest', async () => {
    const graph: Graph = {
      r: [
        { to: 'deep', name: 'd' },
        { to: 'td', name: 'cell' },
      ],
      deep: [{ to: 'table', name: 't' }],
    };
    const explorer = new GraphExplorer(
      graph,
      [{ node: 'r', holder: 'script', edge: 'const cellIndex', kind: 'lexical' }],
      new Map([
        ['table', 0],
        ['td', 1],
      ]),
    );
    const tree = new RetainerTree();
    const out = await runBfs(explorer, tree, { targets: 1, groupOf: () => 0, budget });
    expect(out.found.get(0)?.target).toBe(1);
    expect(tree.chain(out.found.get(0)!.id).map((h) => h.edge)).toEqual(['const cellIndex', 'cell']);
  });

  test('an object budget stops the search and says so', async () => {
    const graph: Graph = { r: Array.from({ length: 50 }, (_, i) => ({ to: `n${i}`, name: String(i) })) };
    graph.n49 = [{ to: 'T', name: 'x' }];
    const { explorer, tree } = setup(graph, [['r', 'r']], ['T']);
    const out = await runBfs(explorer, tree, { targets: 1, budget: { ms: 10_000, objects: 10 } });
    expect(out.found.size).toBe(0);
    expect(out.budgetHit).toBe('objects');
    expect(out.complete).toBe(false);
  });

  test('a time budget stops between levels', async () => {
    const graph: Graph = {
      r: [{ to: 'a', name: 'a' }],
      a: [{ to: 'b', name: 'b' }],
      b: [{ to: 'T', name: 't' }],
    };
    const { explorer, tree } = setup(graph, [['r', 'r']], ['T']);
    let t = 0;
    const out = await runBfs(explorer, tree, {
      targets: 1,
      budget: { ms: 5, objects: 100 },
      now: () => (t += 3),
    });
    expect(out.budgetHit).toBe('time');
    expect(out.found.size).toBe(0);
  });

  test('an aborted signal rejects', async () => {
    const graph: Graph = { r: [{ to: 'a', name: 'a' }], a: [{ to: 'T', name: 't' }] };
    const { explorer, tree } = setup(graph, [['r', 'r']], ['T']);
    const ac = new AbortController();
    ac.abort(new Error('cancelled by user'));
    await expect(runBfs(explorer, tree, { targets: 1, budget, signal: ac.signal })).rejects.toThrow(
      'cancelled by user',
    );
  });

  test('with no targets it walks everything to measure what each root reaches', async () => {
    const graph: Graph = {
      big: [
        { to: 'a', name: 'a' },
        { to: 'b', name: 'b' },
      ],
      a: [{ to: 'c', name: 'c' }],
      small: [],
    };
    const { explorer, tree } = setup(
      graph,
      [
        ['big', 'big'],
        ['small', 'small'],
      ],
      [],
    );
    const out = await runBfs(explorer, tree, { targets: 0, budget });
    expect(out.objects).toBe(5);
    const reach = tree.reachByRoot();
    expect(reach.get(explorer.idOf.get('big')!)).toEqual({ objects: 4, bytes: 40 });
    expect(reach.get(explorer.idOf.get('small')!)).toEqual({ objects: 1, bytes: 10 });
  });
});
