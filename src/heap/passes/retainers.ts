import type { HeapGraph } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';
import { ESSENTIAL } from './edge-mask.ts';

/**
 * Pass 3 — retainer index: the reverse adjacency of the ESSENTIAL edges (the ones that retain), in CSR form.
 * The retainers of ordinal `o` are `retainerNode[k]` for `k` in `firstRetainer[o] .. firstRetainer[o + 1] - 1`,
 * in edge order. Only the dominator pass needs it (chains follow the BFS tree of the distances pass), so it keeps
 * no edge slots and the caller drops it afterwards; `firstRetainer` is a scratch buffer to give back.
 */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  retainerNode: Uint32Array;
}

export function buildRetainerIndex(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): RetainerIndex {
  const { edgeTo, firstEdge, nodeCount } = g;
  const pool = scratchFor(nodeCount, scratch);
  const firstRetainer = pool.take();
  // Count retainers per target, turn counts into start offsets, then fill (a counting sort by target).
  let total = 0;
  for (let slot = 0; slot < mask.length; slot++) {
    if ((mask[slot] & ESSENTIAL) === 0) continue;
    firstRetainer[edgeTo[slot]]++;
    total++;
  }
  let sum = 0;
  for (let o = 0; o <= nodeCount; o++) {
    const c = firstRetainer[o];
    firstRetainer[o] = sum;
    sum += c;
  }
  const retainerNode = new Uint32Array(total);
  const fill = pool.take();
  fill.set(firstRetainer);
  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    for (let slot = firstEdge[from]; slot < end; slot++) {
      if ((mask[slot] & ESSENTIAL) === 0) continue;
      retainerNode[fill[edgeTo[slot]]++] = from;
    }
  }
  pool.give(fill);
  return { firstRetainer, retainerNode };
}
