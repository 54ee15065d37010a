import type { HeapGraph } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';

export const UNKNOWN = 0;
export const ATTACHED = 1;
export const DETACHED = 2;

/**
 * Pass 5 — DOM attachment state per node (0 unknown, 1 attached, 2 detached).
 *
 * Chromium writes `detachedness` only on some nodes (the ones it can decide cheaply: wrappers and tree roots);
 * the rest of a DOM tree is `unknown` and inherits the state of a decided node that holds it. Attached wins: that
 * state is spread first, so a node reachable from both an attached and a detached node stays attached. The
 * spread goes only through non-weak edges into native nodes (the C++ side of the DOM). Old snapshots without the
 * field marked detached nodes by a "Detached " name prefix instead.
 */
export function computeDetachedness(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): Uint8Array {
  const { nodeType, nodeName, edgeTo, firstEdge, nodeCount, strings } = g;
  const native = g.layout.codes.native;
  // The parsed field is copied, not spread in place: the graph stays as read (a pass may run again on it).
  const state = g.nodeDetachedness.slice();
  if (g.layout.detachednessOffset < 0) {
    for (let o = 0; o < nodeCount; o++) {
      if (nodeType[o] === native && strings[nodeName[o]].startsWith('Detached ')) state[o] = DETACHED;
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
        const to = edgeTo[slot];
        if (state[to] !== UNKNOWN || nodeType[to] !== native) continue;
        state[to] = value;
        queue[tail++] = to;
      }
    }
  }
  pool.give(queue);
  return state;
}
