import type { AnalyzedHeap } from '../analyze.ts';
import type { HeapGraph } from '../graph.ts';
import { chainPath, edgeLabel, pathParent } from './chain.ts';
import { isUserFacingType, reachableFromUser } from './largest.ts';

/** Sorted ids of every node: all a baseline or target snapshot contributes to a diff. */
export function collectIds(g: HeapGraph): Uint32Array {
  const ids = new Uint32Array(g.nodeCount);
  const nf = g.layout.nodeFieldCount;
  for (let o = 0, i = g.layout.idOffset; o < g.nodeCount; o++, i += nf) ids[o] = g.nodes[i];
  return ids.sort();
}

function has(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface DiffGroupNodes {
  className: string;
  shape: string;
  members: number[];
}

export interface DiffNodes {
  newInTarget: number;
  survivingInFinal: number;
  suspects: number;
  groups: DiffGroupNodes[];
}

/**
 * The path shape of a node: the class names and edge labels along its retainer chain, with array indices blurred
 * (`[]`), so that fifty objects pushed into one array share one shape.
 */
export function chainShape(heap: AnalyzedHeap, o: number, maxSteps = 40): string {
  const { nodes, slots } = chainPath(heap, o, maxSteps);
  const parts: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (slots[i] >= 0)
      parts.push(
        edgeLabel(heap, slots[i])
          .replace(/^\[\d+\]$/, '[]')
          .replace(/^\d+$/, '[]'),
      );
    parts.push(heap.classes.names[heap.classes.classId[nodes[i]]]);
  }
  return parts.join(' → ');
}

/**
 * Three-snapshot diff by V8 object id. New = in target, not in baseline; surviving = new and still in final.
 * A surviving object held (on its shortest path) by another surviving object is part of that one's leak, so only
 * the top of each leaked structure becomes a suspect; suspects are grouped by class and path shape.
 */
export function diffSnapshots(
  baselineIds: Uint32Array,
  targetIds: Uint32Array,
  final: AnalyzedHeap,
): DiffNodes {
  const g = final.graph;
  const nf = g.layout.nodeFieldCount;
  let newInTarget = 0;
  for (let i = 0; i < targetIds.length; i++) if (!has(baselineIds, targetIds[i])) newInTarget++;
  const candidate = new Uint8Array(g.nodeCount);
  let survivingInFinal = 0;
  for (let o = 1; o < g.nodeCount; o++) {
    const id = g.nodes[o * nf + g.layout.idOffset];
    if (!has(targetIds, id) || has(baselineIds, id)) continue;
    survivingInFinal++;
    if (isUserFacingType(final, o) && reachableFromUser(final, o)) candidate[o] = 1;
  }
  const groups = new Map<string, DiffGroupNodes>();
  let suspects = 0;
  for (let o = 1; o < g.nodeCount; o++) {
    if (candidate[o] !== 1) continue;
    const hop = pathParent(final, o);
    if (hop && candidate[hop.from] === 1) continue;
    suspects++;
    const className = final.classes.names[final.classes.classId[o]];
    const shape = chainShape(final, o);
    const key = `${className}\n${shape}`;
    const group = groups.get(key) ?? { className, shape, members: [] };
    groups.set(key, group);
    group.members.push(o);
  }
  const sorted = [...groups.values()].sort((a, b) => b.members.length - a.members.length);
  return { newInTarget, survivingInFinal, suspects, groups: sorted };
}
