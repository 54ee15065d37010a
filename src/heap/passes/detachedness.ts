import type { HeapGraph } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';

export const UNKNOWN = 0;
export const ATTACHED = 1;
export const DETACHED = 2;

/**
 * Pass 7 — DOM attachment state per node (0 unknown, 1 attached, 2 detached).
 *
 * Chromium writes `detachedness` only on some nodes (the ones it can decide cheaply: wrappers and tree roots);
 * the rest of a DOM tree is `unknown` and inherits the state of a decided node that holds it. Attached wins: that
 * state is spread first, so a node reachable from both an attached and a detached node stays attached. The
 * spread goes only through non-weak edges into native nodes (the C++ side of the DOM). Old snapshots without the
 * field marked detached nodes by a "Detached " name prefix instead.
 */
export function computeDetachedness(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): Uint8Array {
  const { nodes, edges, firstEdge, nodeCount, strings } = g;
  const L = g.layout;
  const nf = L.nodeFieldCount;
  const ef = L.edgeFieldCount;
  const native = L.codes.native;
  const state = new Uint8Array(nodeCount);
  if (L.detachednessOffset >= 0) {
    for (let o = 0; o < nodeCount; o++) state[o] = nodes[o * nf + L.detachednessOffset] & 3;
  } else {
    for (let o = 0; o < nodeCount; o++) {
      if (
        nodes[o * nf + L.typeOffset] === native &&
        strings[nodes[o * nf + L.nameOffset]].startsWith('Detached ')
      ) {
        state[o] = DETACHED;
      }
    }
  }
  const pool = scratchFor(nodeCount, scratch);
  const queue = pool.take();
  for (const value of [ATTACHED, DETACHED]) {
    let tail = 0;
    for (let o = 0; o < nodeCount; o++) if (state[o] === value) queue[tail++] = o;
    let head = 0;
    while (head < tail) {
      const o = queue[head++];
      const end = firstEdge[o + 1];
      for (let slot = firstEdge[o]; slot < end; slot++) {
        if (mask[slot] === 0) continue; // weak
        const to = edges[slot * ef + L.edgeToOffset];
        if (state[to] !== UNKNOWN || nodes[to * nf + L.typeOffset] !== native) continue;
        state[to] = value;
        queue[tail++] = to;
      }
    }
  }
  pool.give(queue);
  return state;
}
