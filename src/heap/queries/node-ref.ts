import type { AnalyzedHeap } from '../analyze.ts';
import { nodeId, nodeName, nodeSelfSize, nodeTypeName } from '../graph.ts';
import { UNREACHABLE } from '../passes/distances.ts';
import type { NodeRef } from '../result.ts';

const MAX_NAME = 120;

export function nodeRef(heap: AnalyzedHeap, o: number): NodeRef {
  const g = heap.graph;
  const name = nodeName(g, o);
  const d = heap.distances.distance[o];
  return {
    id: nodeId(g, o),
    type: nodeTypeName(g, o),
    name: name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name,
    className: heap.classes.names[heap.classes.classId[o]],
    selfSize: nodeSelfSize(g, o),
    retainedSize: heap.retained[o],
    distance: d === UNREACHABLE ? null : d,
  };
}
