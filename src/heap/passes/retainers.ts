import type { HeapGraph } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';
import { ESSENTIAL } from './edge-mask.ts';

/**
 * Part of pass 2 (dominators) — retainer index: the reverse adjacency of the ESSENTIAL edges (the ones that retain), in CSR form.
 * Nodes are named by a `rank` (a permutation of 0 .. n - 1; the ordinal itself when none is given): the retainers
 * of the node ranked `r` are `retainerNode[k]` (ranks too) for `k` in `firstRetainer[r] .. firstRetainer[r + 1] - 1`,
 * in edge order. The dominator pass ranks by DFS number, so its inner loop reads DFS numbers straight from the
 * index instead of looking each one up (a random access per edge). Only that pass needs it (chains follow the BFS
 * tree of the distances pass), so it keeps no edge slots and is dropped afterwards; `firstRetainer` is a scratch
 * buffer to give back.
 */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  retainerNode: Uint32Array;
}

export function buildRetainerIndex(
  g: HeapGraph,
  mask: Uint8Array,
  scratch?: Scratch,
  rank?: Uint32Array,
): RetainerIndex {
  const { edgeTo, firstEdge, nodeCount } = g;
  const pool = scratchFor(nodeCount, scratch);
  let identity: Uint32Array | null = null;
  if (!rank) {
    identity = pool.take();
    for (let o = 0; o < nodeCount; o++) identity[o] = o;
  }
  const r = rank ?? identity!;
  const firstRetainer = pool.take();
  // Count retainers per target, turn counts into start offsets, then fill (a counting sort by target).
  let total = 0;
  for (let slot = 0; slot < mask.length; slot++) {
    if ((mask[slot] & ESSENTIAL) === 0) continue;
    firstRetainer[r[edgeTo[slot]]]++;
    total++;
  }
  let sum = 0;
  for (let i = 0; i <= nodeCount; i++) {
    const c = firstRetainer[i];
    firstRetainer[i] = sum;
    sum += c;
  }
  const retainerNode = new Uint32Array(total);
  const fill = pool.take();
  fill.set(firstRetainer);
  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    const rankFrom = r[from];
    for (let slot = firstEdge[from]; slot < end; slot++) {
      if ((mask[slot] & ESSENTIAL) === 0) continue;
      retainerNode[fill[r[edgeTo[slot]]]++] = rankFrom;
    }
  }
  pool.give(fill);
  if (identity) pool.give(identity);
  return { firstRetainer, retainerNode };
}
