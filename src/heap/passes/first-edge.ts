import { SnapshotError } from '../errors.ts';
import type { SnapshotLayout } from '../meta.ts';

/**
 * Pass 1 — first-edge index. V8 stores each node's edges contiguously, in node order, and only gives their count;
 * `firstEdge[o]..firstEdge[o + 1]` is the range of edge slots (edge number, not array offset) of node ordinal `o`.
 */
export function buildFirstEdgeIndex(
  nodes: Uint32Array,
  layout: SnapshotLayout,
  edgeSlots: number,
): Uint32Array {
  const nf = layout.nodeFieldCount;
  const nodeCount = nodes.length / nf;
  const firstEdge = new Uint32Array(nodeCount + 1);
  let slot = 0;
  for (let o = 0, base = layout.edgeCountOffset; o < nodeCount; o++, base += nf) {
    firstEdge[o] = slot;
    slot += nodes[base];
  }
  firstEdge[nodeCount] = slot;
  if (slot !== edgeSlots) {
    throw new SnapshotError(
      'bad-graph',
      `The snapshot is inconsistent: its nodes declare ${slot} edges but the edges array holds ${edgeSlots}.`,
    );
  }
  return firstEdge;
}
