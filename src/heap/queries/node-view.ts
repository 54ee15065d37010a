import type { AnalyzedHeap } from '../analyze.ts';
import { edgeName, edgeTypeName, nodeName, nodeTypeName } from '../graph.ts';

/**
 * A heap object as a user's MemLab `leakFilter(node, snapshot, leakedNodeIds)` sees it: the part of MemLab's
 * `IHeapNode` a filter reads (id, name, type, sizes, its edges). Built on demand over the flat columns, so
 * only the nodes a filter is asked about get an object.
 */
export interface HeapNodeView {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly self_size: number;
  readonly retainedSize: number;
  readonly edge_count: number;
  /** Chromium marks removed DOM nodes detached (false when the snapshot has no such field). */
  readonly is_detached: boolean;
  readonly isString: boolean;
  /** Outgoing edges. */
  readonly references: HeapEdgeView[];
  /** Incoming edges (an index of all edges is built on the first use). */
  readonly referrers: HeapEdgeView[];
}

export interface HeapEdgeView {
  /** The property or variable name, or the index of an element edge. */
  readonly name_or_index: string | number;
  readonly type: string;
  readonly fromNode: HeapNodeView;
  readonly toNode: HeapNodeView;
}

/** The snapshot argument of a MemLab leak filter: lookups by V8 object id. */
export interface HeapSnapshotView {
  getNodeById(id: number): HeapNodeView | null;
}

/** Creates the views of one analysed heap; `ordinalOf` and the referrer index are built only if a filter asks. */
export function heapViews(heap: AnalyzedHeap): { node(o: number): HeapNodeView; snapshot: HeapSnapshotView } {
  const g = heap.graph;
  const c = g.layout.codes;
  let byId: Map<number, number> | null = null;
  let referrerSlots: { first: Uint32Array; slots: Uint32Array; from: Uint32Array } | null = null;

  const edgeView = (slot: number, from: number): HeapEdgeView => {
    const t = g.edgeType[slot];
    const name = edgeName(g, slot);
    return {
      name_or_index: t === c.edgeElement || t === c.edgeHidden ? Number(name) : name,
      type: edgeTypeName(g, slot),
      get fromNode() {
        return node(from);
      },
      get toNode() {
        return node(g.edgeTo[slot]);
      },
    };
  };

  const referrers = () => {
    if (referrerSlots) return referrerSlots;
    // Counting sort of the edges by target: first[o]..first[o+1] are the slots pointing at o.
    const first = new Uint32Array(g.nodeCount + 1);
    for (let s = 0; s < g.edgeCount; s++) first[g.edgeTo[s] + 1]++;
    for (let o = 0; o < g.nodeCount; o++) first[o + 1] += first[o];
    const fill = first.slice(0, g.nodeCount);
    const slots = new Uint32Array(g.edgeCount);
    const from = new Uint32Array(g.edgeCount);
    for (let o = 0; o < g.nodeCount; o++)
      for (let s = g.firstEdge[o]; s < g.firstEdge[o + 1]; s++) {
        const at = fill[g.edgeTo[s]]++;
        slots[at] = s;
        from[at] = o;
      }
    referrerSlots = { first, slots, from };
    return referrerSlots;
  };

  function node(o: number): HeapNodeView {
    const t = g.nodeType[o];
    return {
      id: g.nodeId[o],
      name: nodeName(g, o),
      type: nodeTypeName(g, o),
      self_size: g.nodeSelfSize[o],
      retainedSize: heap.retained[o],
      edge_count: g.firstEdge[o + 1] - g.firstEdge[o],
      is_detached: g.nodeDetachedness[o] === 2,
      isString: t === c.string || t === c.concatString || t === c.slicedString,
      get references() {
        const out: HeapEdgeView[] = [];
        for (let s = g.firstEdge[o]; s < g.firstEdge[o + 1]; s++) out.push(edgeView(s, o));
        return out;
      },
      get referrers() {
        const r = referrers();
        const out: HeapEdgeView[] = [];
        for (let i = r.first[o]; i < r.first[o + 1]; i++) out.push(edgeView(r.slots[i], r.from[i]));
        return out;
      },
    };
  }

  const snapshot: HeapSnapshotView = {
    getNodeById(id: number) {
      if (!byId) {
        byId = new Map();
        for (let o = 0; o < g.nodeCount; o++) byId.set(g.nodeId[o], o);
      }
      const o = byId.get(id);
      return o === undefined ? null : node(o);
    },
  };
  return { node, snapshot };
}
