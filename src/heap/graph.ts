import { badEdgeTarget, type EdgeColumns, type NodeColumns } from './columns.ts';
import { SnapshotError } from './errors.ts';
import type { SnapshotLayout } from './meta.ts';
import type { RawSnapshot } from './stream-parser.ts';

/**
 * The whole heap as typed-array columns — no object per node, and no interleaved arrays either (see columns.ts).
 * A node is addressed by its *ordinal* (0 = the synthetic root), an edge by its *slot*; `edgeTo[slot]` is the
 * target's ordinal, so passes never divide.
 */
export interface HeapGraph extends NodeColumns, EdgeColumns {
  readonly layout: SnapshotLayout;
  readonly strings: readonly string[];
  readonly locations: Uint32Array;
}

export const ROOT = 0;

/** Validates the parsed columns against each other and the header, and assembles the graph. */
export function buildGraph(raw: RawSnapshot): HeapGraph {
  const { layout, nodes, edges, bounds } = raw;
  const n = nodes.nodeCount;
  if (n === 0) throw new SnapshotError('no-nodes', 'The snapshot contains no objects (0 nodes).');
  const declared = nodes.firstEdge[n];
  if (declared !== edges.edgeCount) {
    throw new SnapshotError(
      'bad-graph',
      `The snapshot is inconsistent: its nodes declare ${declared} edges but the edges array holds ${edges.edgeCount}.`,
    );
  }
  // The parser kept the largest values: a scan for the culprit runs only when one is out of range.
  const { edgeTo } = edges;
  if (bounds.maxEdgeTarget >= n) {
    const bad = edgeTo.findIndex((to) => to >= n);
    throw badEdgeTarget(edgeTo[bad] * layout.nodeFieldCount);
  }
  const typeCount = layout.nodeTypes.length;
  const stringCount = raw.strings.length;
  if (bounds.maxNodeType >= typeCount || bounds.maxNodeName >= stringCount) {
    const { nodeType, nodeName } = nodes;
    const o = nodeType.findIndex((t, i) => t >= typeCount || nodeName[i] >= stringCount);
    throw new SnapshotError(
      'bad-graph',
      `The snapshot is inconsistent: node ${o} has an unknown type or name.`,
    );
  }
  return { layout, ...nodes, ...edges, strings: raw.strings, locations: raw.locations };
}

// Small accessors: used by queries and tests, not inside hot loops.
export function nodeType(g: HeapGraph, o: number): number {
  return g.nodeType[o];
}
export function nodeTypeName(g: HeapGraph, o: number): string {
  return g.layout.nodeTypes[nodeType(g, o)] ?? 'unknown';
}
export function nodeName(g: HeapGraph, o: number): string {
  return g.strings[g.nodeName[o]] ?? '';
}
export function nodeId(g: HeapGraph, o: number): number {
  return g.nodeId[o];
}
export function nodeSelfSize(g: HeapGraph, o: number): number {
  return g.nodeSelfSize[o];
}
export function edgeType(g: HeapGraph, slot: number): number {
  return g.edgeType[slot];
}
export function edgeTypeName(g: HeapGraph, slot: number): string {
  return g.layout.edgeTypes[edgeType(g, slot)] ?? 'unknown';
}
/** Property name, variable name, or index (`element` and `hidden` edges carry a number, not a string index). */
export function edgeName(g: HeapGraph, slot: number): string {
  const raw = g.edgeName[slot];
  const t = edgeType(g, slot);
  const c = g.layout.codes;
  if (t === c.edgeElement || t === c.edgeHidden) return String(raw);
  return g.strings[raw] ?? String(raw);
}
