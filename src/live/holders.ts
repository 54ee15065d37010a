/**
 * Every holder of a detached tree, not just the first root to reach it. The BFS tree gives one shortest chain per
 * object; two more sources name the other holders:
 * - hits: every node of a tree that the search reached (a tree's nodes may be reached from different roots);
 * - cross edges: an edge from one holder class into an object another class reached first (the page records them),
 *   so `interval → this → Ticker → el` is seen even when `const card` reached the <span> first.
 * A holder's chain through a cross edge is: the BFS chain to the edge's source, the edge, then the BFS path from
 * the object it enters down to the node. Every hop is a real edge. Pure: unit-tested over synthetic graphs.
 */
import type { CrossEdge, RetainerTree } from './tree.ts';
import type { Callsite, EdgeKind, Holder, Hop, Reach, RootKind } from './types.ts';

export type { Holder };

/** Holders kept per tree besides the first (a tree reached from hundreds of listeners needs only a few named). */
export const MAX_HOLDERS = 6;

interface Candidate {
  root: number;
  /** Object ids from the root to the node, and the kind of edge into each (index 0: the root's own kind). */
  ids: number[];
  kinds: EdgeKind[];
  chain: Hop[];
}

/** The function whose closure holds the last closure variable on the path, else the first function. */
function callsiteOn(tree: RetainerTree, ids: readonly number[], kinds: readonly EdgeKind[]): Callsite | null {
  for (let i = ids.length - 1; i > 0; i--) {
    if (kinds[i] === 'closure-variable') {
      const c = tree.callsiteOf(ids[i - 1]);
      if (c) return c;
    }
  }
  for (const id of ids) {
    const c = tree.callsiteOf(id);
    if (c) return c;
  }
  return null;
}

function kindsOf(tree: RetainerTree, ids: readonly number[]): EdgeKind[] {
  return ids.map((id) => tree.kindOf(id) ?? 'internal');
}

/**
 * Holders of tree `group`, one per root (the shortest chain from it), shortest first; the root that explains the
 * tree (`primaryRoot`) is left out. `targetLabel` names the node a chain ends at (its DOM label).
 */
export function holdersOf(
  tree: RetainerTree,
  group: number,
  primaryRoot: number,
  targetLabel: (target: number) => string | undefined,
  reach: ReadonlyMap<number, Reach>,
  max = MAX_HOLDERS,
): Holder[] {
  const best = new Map<number, Candidate>();
  const offer = (c: Candidate) => {
    if (c.root === primaryRoot) return;
    const prev = best.get(c.root);
    if (!prev || c.ids.length < prev.ids.length) best.set(c.root, c);
  };
  for (const [target, id] of tree.hits.get(group) ?? []) {
    const label = targetLabel(target);
    const path = tree.path(id);
    const below = tree.chain(id, label);
    offer({ root: path[0], ids: path, kinds: kindsOf(tree, path), chain: below });
    // Every object on the way down may have been entered from another holder class too.
    for (let k = 0; k < path.length; k++) {
      for (const c of tree.crossInto.get(path[k]) ?? []) offer(through(tree, c, path, k, below));
    }
  }
  const out: Holder[] = [];
  for (const c of [...best.values()].sort((a, b) => a.ids.length - b.ids.length || a.root - b.root)) {
    const rootKind = tree.rootLabel(c.root)?.kind as RootKind | undefined;
    if (!rootKind) continue;
    out.push({
      rootKind,
      chain: c.chain,
      callsite: callsiteOn(tree, c.ids, c.kinds),
      reach: reach.get(c.root) ?? null,
    });
    if (out.length >= max) break;
  }
  return out;
}

/** The chain that enters `path[k]` through cross edge `c` and then follows the BFS path down to the node. */
function through(
  tree: RetainerTree,
  c: CrossEdge,
  path: readonly number[],
  k: number,
  below: readonly Hop[],
): Candidate {
  const head = tree.path(c.from);
  const ids = [...head, ...path.slice(k)];
  const kinds = [...kindsOf(tree, head), c.kind, ...kindsOf(tree, path.slice(k + 1))];
  const entered = below[k];
  const chain = [
    ...tree.chain(c.from),
    { holder: tree.labelOf(c.from), edge: c.edge, edgeKind: c.kind, object: entered.object },
    ...below.slice(k + 1),
  ];
  return { root: head[0], ids, kinds, chain };
}
