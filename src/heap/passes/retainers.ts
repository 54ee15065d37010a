import type { HeapGraph } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';

/**
 * Pass 3 — retainer index: the reverse adjacency of the non-weak edges, in CSR form. The retainers of ordinal
 * `o` are `retainerNode[k]` for `k` in `firstRetainer[o] .. firstRetainer[o + 1] - 1`, in edge order, and
 * `retainerBits[k]` is that edge's mask byte (ESSENTIAL / PATH). Edge slots are not stored (4 bytes per edge
 * saved): the few callers that need the edge itself (chains) find it among the retainer's own edges.
 */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  retainerNode: Uint32Array;
  retainerBits: Uint8Array;
}

export function buildRetainerIndex(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): RetainerIndex {
  const { edges, firstEdge, nodeCount } = g;
  const ef = g.layout.edgeFieldCount;
  const toOff = g.layout.edgeToOffset;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  // Count retainers per target, turn counts into start offsets, then fill (a counting sort by target).
  let total = 0;
  for (let slot = 0; slot < mask.length; slot++) {
    if (mask[slot] === 0) continue;
    firstRetainer[edges[slot * ef + toOff]]++;
    total++;
  }
  let sum = 0;
  for (let o = 0; o <= nodeCount; o++) {
    const c = firstRetainer[o];
    firstRetainer[o] = sum;
    sum += c;
  }
  const retainerNode = new Uint32Array(total);
  const retainerBits = new Uint8Array(total);
  const pool = scratchFor(nodeCount, scratch);
  const fill = pool.take();
  fill.set(firstRetainer);
  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    for (let slot = firstEdge[from]; slot < end; slot++) {
      const bits = mask[slot];
      if (bits === 0) continue;
      const k = fill[edges[slot * ef + toOff]]++;
      retainerNode[k] = from;
      retainerBits[k] = bits;
    }
  }
  pool.give(fill);
  return { firstRetainer, retainerNode, retainerBits };
}
