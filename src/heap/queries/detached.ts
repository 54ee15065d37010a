import type { AnalyzedHeap } from '../analyze.ts';
import { nodeName } from '../graph.ts';
import { isDomName } from '../passes/class-names.ts';
import { DETACHED } from '../passes/detachedness.ts';

export interface DetachedTreeNodes {
  /** Ordinal of the topmost DOM node. */
  root: number;
  /** Ordinal of the tree node with the shortest retainer path (where JavaScript holds the tree). */
  entry: number;
  members: number[];
  retainedSize: number;
}

const DOCUMENT = /^(HTML|XML)?Document$|^#document$/;

function isDom(heap: AnalyzedHeap, o: number): boolean {
  const g = heap.graph;
  if (g.nodeType[o] !== g.layout.codes.native) return false;
  const name = nodeName(g, o);
  return isDomName(name.startsWith('Detached ') ? name.slice(9) : name);
}

function find(parent: Uint32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Blink traces a DOM node's edges as: its children (containers only), its document, then its parent. So the DOM
 * parent is the first DOM node after the document edge. Used only to pick the tree's top node; if a future Blink
 * changes that order, the entry node is used instead (see findDetachedTrees).
 */
function domParent(heap: AnalyzedHeap, o: number): number {
  const g = heap.graph;
  let afterDocument = false;
  for (let slot = g.firstEdge[o]; slot < g.firstEdge[o + 1]; slot++) {
    const to = g.edgeTo[slot];
    if (to === o || heap.mask[slot] === 0) continue;
    if (!afterDocument) {
      if (DOCUMENT.test(nodeName(g, to))) afterDocument = true;
      continue;
    }
    if (isDom(heap, to)) return to;
  }
  return -1;
}

/**
 * Detached DOM trees: detached DOM nodes joined by the edges between them (union–find), each with its top node,
 * the node JavaScript reaches first, and the size freed by dropping the tree (retained sizes of members whose
 * immediate dominator is outside the tree, so nothing is counted twice).
 */
export function findDetachedTrees(heap: AnalyzedHeap): DetachedTreeNodes[] {
  const g = heap.graph;
  const n = g.nodeCount;
  const member = new Uint8Array(n);
  const list: number[] = [];
  for (let o = 0; o < n; o++) {
    if (heap.detachedness[o] === DETACHED && isDom(heap, o)) {
      member[o] = 1;
      list.push(o);
    }
  }
  if (list.length === 0) return [];
  const parent = heap.scratch.take();
  for (const o of list) parent[o] = o;
  for (const o of list) {
    for (let slot = g.firstEdge[o]; slot < g.firstEdge[o + 1]; slot++) {
      const to = g.edgeTo[slot];
      if (member[to] !== 1 || heap.mask[slot] === 0) continue;
      const a = find(parent, o);
      const b = find(parent, to);
      if (a !== b) parent[a] = b;
    }
  }
  const groups = new Map<number, number[]>();
  for (const o of list) {
    const r = find(parent, o);
    const arr = groups.get(r) ?? [];
    groups.set(r, arr);
    arr.push(o);
  }
  heap.scratch.give(parent);
  const { distance } = heap.distances;
  const trees: DetachedTreeNodes[] = [];
  for (const members of groups.values()) {
    let entry = members[0];
    let retainedSize = 0;
    const tops: number[] = [];
    for (const o of members) {
      if (
        distance[o] < distance[entry] ||
        (distance[o] === distance[entry] && heap.retained[o] > heap.retained[entry])
      ) {
        entry = o;
      }
      if (member[heap.dominators.idom[o]] !== 1) retainedSize += heap.retained[o];
      const p = domParent(heap, o);
      if (p < 0 || member[p] !== 1) tops.push(o);
    }
    trees.push({ root: tops.length === 1 ? tops[0] : entry, entry, members, retainedSize });
  }
  return trees.sort((a, b) => b.retainedSize - a.retainedSize);
}
