import type { AnalyzedHeap } from '../analyze.ts';
import { ROOT } from '../graph.ts';
import { SYSTEM_BASE } from '../passes/distances.ts';

/** Node types a person can act on; engine internals (code, maps, hidden, synthetic roots) are left out. */
export function isUserFacingType(heap: AnalyzedHeap, o: number): boolean {
  const g = heap.graph;
  const c = g.layout.codes;
  const t = g.nodeType[o];
  if (t === c.object || t === c.closure || t === c.array || t === c.regexp) return true;
  if (t === c.string || t === c.concatString || t === c.slicedString) return true;
  if (t === c.native) {
    // C++ internals ("system / …", "blink::HeapVectorBacking<…>") are engine plumbing, not something to fix.
    const name = heap.classes.names[heap.classes.classId[o]];
    return !name.startsWith('system / ') && !name.includes('::');
  }
  return false;
}

/** True when the node is held from page or program code (not only by the engine). */
export function reachableFromUser(heap: AnalyzedHeap, o: number): boolean {
  const d = heap.distances.distance[o];
  return heap.distances.userRoots.length === 0 ? d < SYSTEM_BASE || d === 0 : d < SYSTEM_BASE;
}

/** The `limit` objects with the largest retained size, excluding roots, globals and engine internals. */
export function largestObjects(heap: AnalyzedHeap, limit: number): number[] {
  const top: number[] = [];
  const r = heap.retained;
  for (let o = 1; o < heap.graph.nodeCount; o++) {
    if (top.length === limit && r[o] <= r[top[limit - 1]]) continue;
    if (o === ROOT || heap.isUserRoot[o] === 1 || !isUserFacingType(heap, o) || !reachableFromUser(heap, o))
      continue;
    const name = heap.classes.names[heap.classes.classId[o]];
    if (name.startsWith('system / ') || name.startsWith('Window')) continue;
    let i = top.length < limit ? top.length : limit - 1;
    top[i] = o;
    while (i > 0 && r[top[i - 1]] < r[o]) {
      top[i] = top[i - 1];
      top[i - 1] = o;
      i--;
    }
  }
  return top;
}
