import type { HeapGraph } from '../graph.ts';
import type { DominatorTree } from './dominators.ts';

/**
 * Pass 4 — retained sizes: a node's self size plus everything it dominates. Walking the DFS preorder backwards
 * visits every node after all the nodes it dominates, so one accumulation sweep suffices.
 * Float64: sums of 32-bit self sizes can pass 4 GiB.
 */
export function computeRetainedSizes(g: HeapGraph, dom: DominatorTree): Float64Array {
  const retained = Float64Array.from(g.nodeSelfSize);
  const { preorder, idom } = dom;
  for (let i = preorder.length - 1; i > 0; i--) {
    const o = preorder[i];
    retained[idom[o]] += retained[o];
  }
  return retained;
}
