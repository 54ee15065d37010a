import type { HeapGraph } from '../graph.ts';

/**
 * Pass 2 — retainer index: the reverse adjacency in CSR form. The retainers of ordinal `o` are
 * `retainerSlot[k]` / `retainerNode[k]` for `k` in `firstRetainer[o] .. firstRetainer[o + 1] - 1`, in edge order.
 */
export interface RetainerIndex {
  firstRetainer: Uint32Array;
  /** The retaining edge's slot. */
  retainerSlot: Uint32Array;
  /** The retaining node's ordinal. */
  retainerNode: Uint32Array;
}

export function buildRetainerIndex(g: HeapGraph): RetainerIndex {
  const { edges, firstEdge, nodeCount, edgeCount } = g;
  const ef = g.layout.edgeFieldCount;
  const toOff = g.layout.edgeToOffset;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  // Count retainers per target, turn counts into start offsets, then fill (a counting sort by target).
  for (let i = toOff; i < edges.length; i += ef) firstRetainer[edges[i]]++;
  let sum = 0;
  for (let o = 0; o <= nodeCount; o++) {
    const c = firstRetainer[o];
    firstRetainer[o] = sum;
    sum += c;
  }
  const retainerSlot = new Uint32Array(edgeCount);
  const retainerNode = new Uint32Array(edgeCount);
  const fill = firstRetainer.slice(0, nodeCount);
  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    for (let slot = firstEdge[from]; slot < end; slot++) {
      const to = edges[slot * ef + toOff];
      const k = fill[to]++;
      retainerSlot[k] = slot;
      retainerNode[k] = from;
    }
  }
  return { firstRetainer, retainerSlot, retainerNode };
}
