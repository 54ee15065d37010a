import type { AnalyzedHeap } from '../analyze.ts';
import { edgeName, edgeTypeName, ROOT } from '../graph.ts';
import { NO_EDGE } from '../passes/distances.ts';
import type { RetainerChain } from '../result.ts';
import { nodeRef } from './node-ref.ts';

export interface PathHop {
  /** Retaining node ordinal. */
  from: number;
  /** Edge slot from `from` to the node. */
  slot: number;
}

/** Ordinal of the node that owns edge `slot` (binary search over the first-edge index). */
export function edgeSource(heap: AnalyzedHeap, slot: number): number {
  const fe = heap.graph.firstEdge;
  let lo = 0;
  let hi = heap.graph.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (fe[mid] <= slot) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The retainer one hop closer to a root on a shortest path (from the distances pass's BFS tree), or null at a
 * root and for an unreachable node.
 */
export function pathParent(heap: AnalyzedHeap, o: number): PathHop | null {
  const slot = heap.distances.via[o];
  if (o === ROOT || slot === NO_EDGE || heap.isUserRoot[o] === 1) return null;
  return { from: edgeSource(heap, slot), slot };
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
