import { SnapshotError } from './errors.ts';
import { readLayout, type SnapshotLayout } from './meta.ts';
import { buildFirstEdgeIndex } from './passes/first-edge.ts';
import type { RawSnapshot } from './stream-parser.ts';

/**
 * The whole heap as flat typed arrays — no object per node. A node is addressed by its *ordinal* (0 = the
 * synthetic root), an edge by its *slot*. Unlike the file, `edges[slot * edgeFieldCount + edgeToOffset]` holds the
 * target's ordinal (converted once in buildGraph) so passes never divide.
 */
export interface HeapGraph {
  readonly layout: SnapshotLayout;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
  readonly locations: Uint32Array;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Edge slots of node `o` are `firstEdge[o] .. firstEdge[o + 1] - 1`. */
  readonly firstEdge: Uint32Array;
}

export const ROOT = 0;

/** Validates the parsed arrays against the header and builds the graph (runs the first-edge pass). */
export function buildGraph(raw: RawSnapshot): HeapGraph {
  const layout = readLayout(raw.header);
  const nf = layout.nodeFieldCount;
  const ef = layout.edgeFieldCount;
  if (raw.nodes.length === 0)
    throw new SnapshotError('no-nodes', 'The snapshot contains no objects (0 nodes).');
  if (raw.nodes.length % nf !== 0 || raw.edges.length % ef !== 0) {
    throw new SnapshotError(
      'bad-graph',
      'The snapshot is inconsistent: array lengths do not match the field counts.',
    );
  }
  const nodeCount = raw.nodes.length / nf;
  const edgeCount = raw.edges.length / ef;
  const firstEdge = buildFirstEdgeIndex(raw.nodes, layout, edgeCount);
  const edges = raw.edges;
  const limit = raw.nodes.length;
  for (let i = layout.edgeToOffset; i < edges.length; i += ef) {
    const to = edges[i];
    if (to >= limit || to % nf !== 0) {
      throw new SnapshotError(
        'bad-graph',
        `The snapshot is inconsistent: an edge points to node offset ${to}.`,
      );
    }
    edges[i] = to / nf;
  }
  const typeCount = layout.nodeTypes.length;
  const stringCount = raw.strings.length;
  for (let i = 0; i < limit; i += nf) {
    if (raw.nodes[i + layout.typeOffset] >= typeCount || raw.nodes[i + layout.nameOffset] >= stringCount) {
      throw new SnapshotError(
        'bad-graph',
        `The snapshot is inconsistent: node ${i / nf} has an unknown type or name.`,
      );
    }
  }
  return {
    layout,
    nodes: raw.nodes,
    edges,
    strings: raw.strings,
    locations: raw.locations,
    nodeCount,
    edgeCount,
    firstEdge,
  };
}

// Small accessors: used by queries and tests, not inside hot loops.
export function nodeType(g: HeapGraph, o: number): number {
  return g.nodes[o * g.layout.nodeFieldCount + g.layout.typeOffset];
}
export function nodeTypeName(g: HeapGraph, o: number): string {
  return g.layout.nodeTypes[nodeType(g, o)] ?? 'unknown';
}
export function nodeName(g: HeapGraph, o: number): string {
  return g.strings[g.nodes[o * g.layout.nodeFieldCount + g.layout.nameOffset]] ?? '';
}
export function nodeId(g: HeapGraph, o: number): number {
  return g.nodes[o * g.layout.nodeFieldCount + g.layout.idOffset];
}
export function nodeSelfSize(g: HeapGraph, o: number): number {
  return g.nodes[o * g.layout.nodeFieldCount + g.layout.selfSizeOffset];
}
export function edgeType(g: HeapGraph, slot: number): number {
  return g.edges[slot * g.layout.edgeFieldCount + g.layout.edgeTypeOffset];
}
export function edgeTypeName(g: HeapGraph, slot: number): string {
  return g.layout.edgeTypes[edgeType(g, slot)] ?? 'unknown';
}
export function edgeTarget(g: HeapGraph, slot: number): number {
  return g.edges[slot * g.layout.edgeFieldCount + g.layout.edgeToOffset];
}
/** Property name, variable name, or index (`element` and `hidden` edges carry a number, not a string index). */
export function edgeName(g: HeapGraph, slot: number): string {
  const raw = g.edges[slot * g.layout.edgeFieldCount + g.layout.edgeNameOffset];
  const t = edgeType(g, slot);
  const c = g.layout.codes;
  if (t === c.edgeElement || t === c.edgeHidden) return String(raw);
  return g.strings[raw] ?? String(raw);
}

/** Ordinal of the node with V8 id `id`, or -1 (linear scan; for tests and one-off lookups). */
export function findNodeById(g: HeapGraph, id: number): number {
  const nf = g.layout.nodeFieldCount;
  for (let o = 0, i = g.layout.idOffset; o < g.nodeCount; o++, i += nf) if (g.nodes[i] === id) return o;
  return -1;
}
