import type { HeapGraph } from '../graph.ts';
import { ROOT } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';
import { PATH } from './edge-mask.ts';

/** Distance of a node no retaining path reaches (only weak edges, or nothing, point to it). */
export const UNREACHABLE = 0xffffffff;
/** `via` of a node with no incoming path edge (a root, or unreachable). */
export const NO_EDGE = 0xffffffff;
/** Distances of nodes reached only from the engine's own roots start here (DevTools uses the same idea). */
export const SYSTEM_BASE = 100_000_000;

export interface Distances {
  /** Hops from the nearest user root (user roots are 1); SYSTEM_BASE + hops from the root; or UNREACHABLE. */
  distance: Uint32Array;
  /**
   * The edge slot a shortest path takes into each node (NO_EDGE for roots and unreachable nodes): the BFS tree,
   * from which any node's retainer chain is read without keeping a retainer index.
   */
  via: Uint32Array;
  /** Ordinals treated as user roots (window / global objects). */
  userRoots: Uint32Array;
}

const WINDOW_NAME = /^Window( \/|$)/;

/**
 * User roots: the targets of the root's `shortcut` edges (how Node and older Chromium mark global objects) plus,
 * for current Chromium, whose root has no such edges, every native or object node named `Window / <url>` — the
 * DOMWindow of each frame.
 */
export function findUserRoots(g: HeapGraph): Uint32Array {
  const c = g.layout.codes;
  const seen = new Set<number>();
  for (let slot = g.firstEdge[ROOT]; slot < g.firstEdge[ROOT + 1]; slot++) {
    if (g.edgeType[slot] === c.edgeShortcut) seen.add(g.edgeTo[slot]);
  }
  for (let o = 1; o < g.nodeCount; o++) {
    const t = g.nodeType[o];
    if ((t === c.native || t === c.object) && WINDOW_NAME.test(g.strings[g.nodeName[o]])) seen.add(o);
  }
  return Uint32Array.from([...seen].sort((a, b) => a - b));
}

/**
 * Breadth-first over PATH edges from the queued nodes, giving each newly reached node its parent's distance + 1.
 * Among equally short paths the one entering by a named edge (property, context, element) wins over an internal
 * one: it reads better and points at code a person can change.
 */
function bfs(
  g: HeapGraph,
  mask: Uint8Array,
  dist: Distances,
  queue: Uint32Array,
  head: number,
  tail: number,
) {
  const { edgeType, edgeTo, firstEdge } = g;
  const { distance, via } = dist;
  const c = g.layout.codes;
  const named = (slot: number) => {
    const t = edgeType[slot];
    return t === c.edgeProperty || t === c.edgeContext || t === c.edgeElement;
  };
  while (head < tail) {
    const o = queue[head++];
    const d = distance[o] + 1;
    const end = firstEdge[o + 1];
    for (let slot = firstEdge[o]; slot < end; slot++) {
      if ((mask[slot] & PATH) === 0) continue;
      const to = edgeTo[slot];
      const known = distance[to];
      if (known === UNREACHABLE) {
        distance[to] = d;
        via[to] = slot;
        queue[tail++] = to;
      } else if (known === d && via[to] !== NO_EDGE && !named(via[to]) && named(slot)) {
        via[to] = slot;
      }
    }
  }
  return tail;
}

/** Pass 3 — distances: BFS from user roots first, then from the root for what only the engine holds. */
export function computeDistances(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): Distances {
  const n = g.nodeCount;
  const pool = scratchFor(n, scratch);
  // Both outputs live as long as the analysis; taking them from the pool reuses the dominator pass's scratch.
  const dist: Distances = {
    distance: pool.take().subarray(0, n).fill(UNREACHABLE),
    via: pool.take().subarray(0, n).fill(NO_EDGE),
    userRoots: findUserRoots(g),
  };
  const queue = pool.take();
  let tail = 0;
  for (const o of dist.userRoots) {
    dist.distance[o] = 1;
    queue[tail++] = o;
  }
  bfs(g, mask, dist, queue, 0, tail);
  if (dist.distance[ROOT] === UNREACHABLE) {
    dist.distance[ROOT] = dist.userRoots.length > 0 ? SYSTEM_BASE : 0;
    queue[0] = ROOT;
    bfs(g, mask, dist, queue, 0, 1);
  }
  pool.give(queue);
  return dist;
}
