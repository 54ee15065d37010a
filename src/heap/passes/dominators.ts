import type { HeapGraph } from '../graph.ts';
import { ROOT } from '../graph.ts';
import { type Scratch, scratchFor } from '../scratch.ts';
import { ESSENTIAL } from './edge-mask.ts';
import { buildRetainerIndex } from './retainers.ts';

/** High bit of `parent`: this DFS tree root hangs under the root by a virtual edge (n < 2^31 always). */
const ISLAND = 0x80000000;

export interface DominatorTree {
  /** Immediate dominator (ordinal) of each node; the root is its own dominator. */
  idom: Uint32Array;
  /** All ordinals in DFS preorder from the root: a node always comes after its dominator. */
  preorder: Uint32Array;
  /** Number of nodes not reachable from the root over essential edges (attached under the root). */
  islandNodes: number;
}

/**
 * Pass 2 — dominator tree over ESSENTIAL edges, by Lengauer–Tarjan (1979) with simple path compression,
 * written iteratively (heaps are millions of nodes deep enough to overflow any call stack).
 *
 * Nodes the root cannot reach over essential edges (held only through weak edges, or cycles nobody holds) are
 * given a virtual edge from the root: each time the search finds such a node unvisited it starts a new DFS there
 * as a child of the root. Inside such an island, dominance is still computed normally, but edges from an island
 * into the live graph are ignored: garbage cannot retain a live object (MemLab makes the same choice).
 *
 * All per-vertex arrays below are indexed by DFS number (1-based; 0 means "none").
 */
export function computeDominators(g: HeapGraph, mask: Uint8Array, scratch?: Scratch): DominatorTree {
  const n = g.nodeCount;
  const { edgeTo, firstEdge } = g;
  const pool = scratchFor(n, scratch);

  const num = pool.take(); // ordinal -> DFS number
  const vertex = new Uint32Array(n + 1); // DFS number -> ordinal
  const parent = pool.take();

  // Step 1: iterative DFS numbering. `cursor[o]` resumes the edge scan of ordinal o after a child returns.
  const cursor = pool.take();
  const stack = pool.take();
  let count = 0;
  const dfs = (start: number, parentNum: number) => {
    let sp = 0;
    num[start] = ++count;
    vertex[count] = start;
    parent[count] = parentNum;
    cursor[start] = firstEdge[start];
    stack[sp++] = start;
    while (sp > 0) {
      const o = stack[sp - 1];
      const end = firstEdge[o + 1];
      let slot = cursor[o];
      let next = -1;
      for (; slot < end; slot++) {
        if ((mask[slot] & ESSENTIAL) === 0) continue;
        const to = edgeTo[slot];
        if (num[to] === 0) {
          next = to;
          slot++;
          break;
        }
      }
      cursor[o] = slot;
      if (next < 0) {
        sp--;
        continue;
      }
      num[next] = ++count;
      vertex[count] = next;
      parent[count] = num[o];
      cursor[next] = firstEdge[next];
      stack[sp++] = next;
    }
  };
  dfs(ROOT, 0);
  const reached = count;
  for (let o = 1; o < n; o++) {
    if (num[o] !== 0) continue;
    dfs(o, 1);
    parent[num[o]] |= ISLAND; // marks the virtual root edge; masked off below
  }

  // The retainer index is built in DFS-number space (rank = number - 1): the loop below then reads retainers'
  // numbers directly, and `num` is not needed past this point (its buffer becomes `semi`).
  for (let o = 0; o < n; o++) num[o]--;
  pool.give(stack); // the DFS is finished; the index's fill buffer takes it
  const { firstRetainer, retainerNode } = buildRetainerIndex(g, mask, pool, num);
  pool.give(num);

  // Steps 2 and 3: semidominators in reverse DFS order, with buckets as intrusive linked lists.
  const semi = pool.take();
  // Memory: the DFS scratch arrays are reused (cursor → label, stack → path) to keep the peak down.
  const label = cursor;
  const ancestor = pool.take();
  // `dom` and the bucket heads share one array: dom[v] is written only once bucket(v) has been emptied for good
  // (all vertices with semi = v are numbered above v, so they were added and processed before dom[v] is set), and
  // bucket heads are only written below the current vertex, where dom is not set yet.
  const dom = pool.take();
  const bucketHead = dom;
  const bucketNext = pool.take();
  for (let v = 1; v <= n; v++) {
    semi[v] = v;
    label[v] = v;
  }
  const path = pool.take();

  // EVAL with path compression: returns the vertex of minimal semi on the forest path above v.
  const evaluate = (v: number): number => {
    if (ancestor[v] === 0) return v;
    let depth = 0;
    let x = v;
    while (ancestor[ancestor[x]] !== 0) {
      path[depth++] = x;
      x = ancestor[x];
    }
    while (depth > 0) {
      const y = path[--depth];
      const a = ancestor[y];
      if (semi[label[a]] < semi[label[y]]) label[y] = label[a];
      ancestor[y] = ancestor[a];
    }
    return label[v];
  };

  for (let w = n; w >= 2; w--) {
    let s = semi[w];
    const end = firstRetainer[w];
    const inMain = w <= reached;
    for (let k = firstRetainer[w - 1]; k < end; k++) {
      const v = retainerNode[k] + 1;
      if (inMain && v > reached) continue; // garbage does not retain live objects
      const u = evaluate(v);
      if (semi[u] < s) s = semi[u];
    }
    const p0 = parent[w];
    if ((p0 & ISLAND) !== 0) s = 1; // the virtual root edge
    const p = p0 & ~ISLAND;
    semi[w] = s;
    bucketNext[w] = bucketHead[s];
    bucketHead[s] = w;
    ancestor[w] = p; // LINK(p, w)
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = evaluate(v);
      dom[v] = semi[u] < semi[v] ? u : p;
    }
    bucketHead[p] = 0;
  }

  // Step 4: resolve the deferred dominators in DFS order.
  dom[1] = 1;
  for (let w = 2; w <= n; w++) if (dom[w] !== semi[w]) dom[w] = dom[dom[w]];

  // The result goes into `parent`'s buffer (no longer needed), one large allocation fewer at the peak.
  const idom = parent.subarray(0, n);
  for (let w = 1; w <= n; w++) idom[vertex[w]] = vertex[dom[w]];
  pool.give(cursor, path, semi, ancestor, dom, bucketNext, firstRetainer);
  return { idom, preorder: vertex.subarray(1), islandNodes: n - reached };
}
