import type { AnalyzedHeap } from '../analyze.ts';
import { edgeName, nodeName } from '../graph.ts';

export interface ClosureNodes {
  closure: number;
  context: number;
  sharedBy: number;
  capturedSize: number;
  /** [variable name, value ordinal], largest first. */
  captured: [string, number][];
}

/**
 * Closures and what they capture: a closure's `context` edge leads to its scope object, whose `context`-type
 * edges are the captured variables. Closures sharing one scope are reported once (the variables belong to the
 * scope), ranked by the total retained size of the captured values.
 */
export function findClosures(heap: AnalyzedHeap, limit: number): ClosureNodes[] {
  const g = heap.graph;
  const L = g.layout;
  const c = L.codes;
  const contextName = g.strings.indexOf('context');
  if (c.closure < 0 || contextName < 0) return [];
  // Pass 1, allocation-free per closure: the first closure and the closure count per scope, in typed arrays
  // (a big heap has hundreds of thousands of closures).
  const firstClosure = heap.scratch.take(); // scope ordinal → closure ordinal + 1
  const sharedBy = heap.scratch.take();
  for (let o = 0; o < g.nodeCount; o++) {
    if (g.nodeType[o] !== c.closure) continue;
    for (let slot = g.firstEdge[o]; slot < g.firstEdge[o + 1]; slot++) {
      if (g.edgeType[slot] !== c.edgeInternal || g.edgeName[slot] !== contextName) continue;
      const ctx = g.edgeTo[slot];
      if (firstClosure[ctx] === 0) firstClosure[ctx] = o + 1;
      sharedBy[ctx]++;
      break;
    }
  }
  // Pass 2: size of what each scope captures; keep the `limit` largest (insertion into a short sorted list).
  const sizeOf = (ctx: number) => {
    let size = 0;
    let count = 0;
    for (let slot = g.firstEdge[ctx]; slot < g.firstEdge[ctx + 1]; slot++) {
      if (g.edgeType[slot] !== c.edgeContext) continue;
      const to = g.edgeTo[slot];
      count++;
      // A captured global (`this` at script level) is not held by the closure; counting it would rank every
      // top-level function first.
      if (heap.isUserRoot[to] !== 1) size += heap.retained[to];
    }
    return count === 0 ? -1 : size;
  };
  const ranked: { ctx: number; size: number }[] = [];
  for (let ctx = 0; ctx < g.nodeCount; ctx++) {
    if (firstClosure[ctx] === 0) continue;
    const size = sizeOf(ctx);
    if (size < 0 || (ranked.length === limit && size <= ranked[limit - 1].size)) continue;
    let i = ranked.length < limit ? ranked.length : limit - 1;
    ranked[i] = { ctx, size };
    for (; i > 0 && ranked[i - 1].size < size; i--) [ranked[i - 1], ranked[i]] = [ranked[i], ranked[i - 1]];
  }
  const out = ranked.map(({ ctx, size }) => {
    const captured: [string, number][] = [];
    for (let slot = g.firstEdge[ctx]; slot < g.firstEdge[ctx + 1]; slot++) {
      if (g.edgeType[slot] === c.edgeContext) {
        captured.push([edgeName(g, slot), g.edgeTo[slot]]);
      }
    }
    captured.sort((a, b) => heap.retained[b[1]] - heap.retained[a[1]]);
    return {
      closure: firstClosure[ctx] - 1,
      context: ctx,
      sharedBy: sharedBy[ctx],
      capturedSize: size,
      captured,
    };
  });
  heap.scratch.give(firstClosure, sharedBy);
  return out;
}

/** 1-based source position of a function node, from the snapshot's `locations` section. */
export function functionLocation(
  heap: AnalyzedHeap,
  o: number,
): { scriptId: number; line: number; column: number } | null {
  const g = heap.graph;
  const L = g.layout;
  if (L.locationObjectOffset < 0 || L.locationFieldCount === 0) return null;
  const target = o * L.nodeFieldCount; // locations refer to nodes by array offset, as edges do in the file
  for (let i = 0; i < g.locations.length; i += L.locationFieldCount) {
    if (g.locations[i + L.locationObjectOffset] !== target) continue;
    return {
      scriptId: g.locations[i + L.locationScriptOffset],
      line: g.locations[i + L.locationLineOffset] + 1,
      column: g.locations[i + L.locationColumnOffset] + 1,
    };
  }
  return null;
}

export function functionName(heap: AnalyzedHeap, o: number): string {
  return nodeName(heap.graph, o) || '(anonymous)';
}
