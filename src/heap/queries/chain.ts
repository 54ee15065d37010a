import type { AnalyzedHeap } from '../analyze.ts';
import { edgeName, edgeTypeName, ROOT } from '../graph.ts';
import { UNREACHABLE } from '../passes/distances.ts';
import { PATH } from '../passes/edge-mask.ts';
import type { RetainerChain } from '../result.ts';
import { nodeRef } from './node-ref.ts';

export interface PathHop {
  /** Retaining node ordinal. */
  from: number;
  /** Edge slot from `from` to the node. */
  slot: number;
}

/**
 * The retainer one hop closer to a root on a shortest path, or null at a root / for an unreachable node.
 * Among equally short retainers, named edges (property, context, element) beat internal ones: they read better
 * and point at code a person can change.
 */
export function pathParent(heap: AnalyzedHeap, o: number): PathHop | null {
  const { distance } = heap.distances;
  const d = distance[o];
  if (o === ROOT || d === UNREACHABLE || heap.isUserRoot[o] === 1) return null;
  const { firstRetainer, retainerNode, retainerBits } = heap.retainers;
  const g = heap.graph;
  const c = g.layout.codes;
  const ef = g.layout.edgeFieldCount;
  let best: PathHop | null = null;
  let bestRank = 9;
  for (let k = firstRetainer[o]; k < firstRetainer[o + 1] && bestRank > 0; k++) {
    if ((retainerBits[k] & PATH) === 0) continue;
    const from = retainerNode[k];
    if (distance[from] !== d - 1) continue;
    // The index keeps no edge slots: find the edge(s) from `from` to `o` among its own edges.
    for (let slot = g.firstEdge[from]; slot < g.firstEdge[from + 1]; slot++) {
      const b = slot * ef;
      if (g.edges[b + g.layout.edgeToOffset] !== o || (heap.mask[slot] & PATH) === 0) continue;
      const t = g.edges[b + g.layout.edgeTypeOffset];
      const rank = t === c.edgeProperty || t === c.edgeContext || t === c.edgeElement ? 0 : 1;
      if (rank < bestRank) {
        best = { from, slot };
        bestRank = rank;
        if (rank === 0) break;
      }
    }
  }
  return best;
}

/** Ordinals and edge slots of the chain, root first: `slots[i]` is the edge into `nodes[i]` (-1 for the first). */
export function chainPath(heap: AnalyzedHeap, o: number, maxSteps = Number.POSITIVE_INFINITY) {
  const up: number[] = [o];
  const into: number[] = [];
  let cur = o;
  while (up.length < maxSteps) {
    const hop = pathParent(heap, cur);
    if (!hop) break;
    into.push(hop.slot);
    up.push(hop.from);
    cur = hop.from;
  }
  const nodes = up.reverse();
  const slots = nodes.map((_, j) => {
    const i = nodes.length - 1 - j;
    return i < into.length ? into[i] : -1;
  });
  return { nodes, slots };
}

/** Human-readable edge label: `.name` style names stay as is, element and hidden indices read `[3]`. */
export function edgeLabel(heap: AnalyzedHeap, slot: number): string {
  const type = edgeTypeName(heap.graph, slot);
  const name = edgeName(heap.graph, slot);
  return type === 'element' || type === 'hidden' ? `[${name}]` : name;
}

/** The retainer chain of ordinal `o` (root first, at most `maxSteps` nodes, keeping the end nearest `o`). */
export function retainerChain(heap: AnalyzedHeap, o: number, maxSteps = 40): RetainerChain {
  const { nodes, slots } = chainPath(heap, o, maxSteps);
  return nodes.map((n, i) => ({
    edge: slots[i] < 0 ? null : edgeLabel(heap, slots[i]),
    edgeType: slots[i] < 0 ? null : edgeTypeName(heap.graph, slots[i]),
    node: nodeRef(heap, n),
  }));
}

/** The chain as one line: `Window → cellIndex → Map → …`. */
export function formatChain(chain: RetainerChain): string {
  return chain
    .map((s) => (s.edge === null ? s.node.className : `${s.edge} → ${s.node.className}`))
    .join(' → ');
}
