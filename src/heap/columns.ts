import { SnapshotError } from './errors.ts';
import type { SnapshotLayout } from './meta.ts';

/**
 * The graph's numeric data, one typed array per field the engine reads (struct of arrays). The file's `nodes` and
 * `edges` arrays are split into these columns as they are parsed, so the interleaved arrays never exist:
 * `trace_node_id` is dropped, types and detachedness take a byte, `edge_count` becomes the first-edge index, and
 * `to_node` is stored as the target's ordinal (the file writes an offset into `nodes`).
 */
export interface NodeColumns {
  nodeCount: number;
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeId: Uint32Array;
  nodeSelfSize: Uint32Array;
  /** Chromium's `detachedness` (0 unknown, 1 attached, 2 detached); all 0 when the snapshot has no such field. */
  nodeDetachedness: Uint8Array;
  /** Edge slots of node `o` are `firstEdge[o] .. firstEdge[o + 1] - 1` (nodeCount + 1 entries). */
  firstEdge: Uint32Array;
}

/**
 * Largest values seen while parsing, so the graph checks (types, names and targets in range) cost nothing on a
 * good file; the strings and the node count are only known once everything is read.
 */
export interface ColumnBounds {
  maxNodeType: number;
  maxNodeName: number;
  maxEdgeTarget: number;
}

export interface EdgeColumns {
  edgeCount: number;
  edgeType: Uint8Array;
  /** A string index, or the index itself for `element` and `hidden` edges. */
  edgeName: Uint32Array;
  /** The target's ordinal. */
  edgeTo: Uint32Array;
}

/** What each value of a node row is for. */
enum NodeRole {
  Drop,
  Type,
  Name,
  Id,
  SelfSize,
  EdgeCount,
  Detachedness,
}

/** Type codes above this do not fit the byte column; they are clamped here and rejected by the graph checks. */
const MAX_BYTE = 255;

function grown(capacity: number): number {
  return Math.max(1024, Math.ceil(capacity * 1.5));
}

function resized<T extends Uint8Array | Uint32Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a.subarray(0, Math.min(a.length, length)));
  return next;
}

/**
 * Splits the flat `nodes` values into NodeColumns. Values arrive in batches (one per parsed chunk); a row may
 * span batches. Allocated once from the header's `node_count` when it is given.
 */
export class NodeColumnsBuilder {
  private readonly roles: NodeRole[];
  private readonly fieldCount: number;
  private capacity: number;
  private rows = 0;
  private field = 0;
  private edgeSlots = 0;
  private type: Uint8Array;
  private name: Uint32Array;
  private id: Uint32Array;
  private selfSize: Uint32Array;
  private detachedness: Uint8Array;
  private firstEdge: Uint32Array;
  maxType = 0;
  maxName = 0;

  constructor(layout: SnapshotLayout, announcedRows: number) {
    this.fieldCount = layout.nodeFieldCount;
    this.roles = Array.from({ length: this.fieldCount }, () => NodeRole.Drop);
    this.roles[layout.typeOffset] = NodeRole.Type;
    this.roles[layout.nameOffset] = NodeRole.Name;
    this.roles[layout.idOffset] = NodeRole.Id;
    this.roles[layout.selfSizeOffset] = NodeRole.SelfSize;
    this.roles[layout.edgeCountOffset] = NodeRole.EdgeCount;
    if (layout.detachednessOffset >= 0) this.roles[layout.detachednessOffset] = NodeRole.Detachedness;
    this.capacity = announcedRows > 0 ? announcedRows : 1024;
    this.type = new Uint8Array(this.capacity);
    this.name = new Uint32Array(this.capacity);
    this.id = new Uint32Array(this.capacity);
    this.selfSize = new Uint32Array(this.capacity);
    this.detachedness = new Uint8Array(this.capacity);
    this.firstEdge = new Uint32Array(this.capacity + 1);
  }

  private grow(): void {
    this.capacity = grown(this.capacity);
    this.type = resized(this.type, this.capacity);
    this.name = resized(this.name, this.capacity);
    this.id = resized(this.id, this.capacity);
    this.selfSize = resized(this.selfSize, this.capacity);
    this.detachedness = resized(this.detachedness, this.capacity);
    this.firstEdge = resized(this.firstEdge, this.capacity + 1);
  }

  /** Takes `values[0 .. n - 1]`, continuing the row the previous batch ended in. */
  add(values: Uint32Array, n: number): void {
    const { roles, fieldCount } = this;
    let { rows, field, edgeSlots, maxType, maxName } = this;
    for (let i = 0; i < n; i++) {
      if (rows === this.capacity) this.grow();
      const v = values[i];
      switch (roles[field]) {
        case NodeRole.Type:
          this.type[rows] = Math.min(v, MAX_BYTE);
          if (v > maxType) maxType = v;
          break;
        case NodeRole.Name:
          this.name[rows] = v;
          if (v > maxName) maxName = v;
          break;
        case NodeRole.Id:
          this.id[rows] = v;
          break;
        case NodeRole.SelfSize:
          this.selfSize[rows] = v;
          break;
        case NodeRole.EdgeCount:
          this.firstEdge[rows] = edgeSlots;
          edgeSlots += v;
          break;
        case NodeRole.Detachedness:
          this.detachedness[rows] = v & 3;
          break;
      }
      if (++field === fieldCount) {
        field = 0;
        rows++;
      }
    }
    this.rows = rows;
    this.field = field;
    this.edgeSlots = edgeSlots;
    this.maxType = maxType;
    this.maxName = maxName;
  }

  finish(): NodeColumns {
    if (this.field !== 0) throw inconsistent();
    const n = this.rows;
    const exact = n === this.capacity;
    const firstEdge = exact ? this.firstEdge : this.firstEdge.slice(0, n + 1);
    firstEdge[n] = this.edgeSlots;
    return {
      nodeCount: n,
      nodeType: exact ? this.type : this.type.slice(0, n),
      nodeName: exact ? this.name : this.name.slice(0, n),
      nodeId: exact ? this.id : this.id.slice(0, n),
      nodeSelfSize: exact ? this.selfSize : this.selfSize.slice(0, n),
      nodeDetachedness: exact ? this.detachedness : this.detachedness.slice(0, n),
      firstEdge,
    };
  }
}

/** Splits the flat `edges` values into EdgeColumns, turning `to_node` offsets into ordinals on the way. */
export class EdgeColumnsBuilder {
  private readonly typeAt: number;
  private readonly nameAt: number;
  private readonly toAt: number;
  private readonly fieldCount: number;
  private readonly nodeFieldCount: number;
  private capacity: number;
  private rows = 0;
  private field = 0;
  private type: Uint8Array;
  private name: Uint32Array;
  private to: Uint32Array;
  /** The first `to_node` that is not a multiple of the node field count (-1: none). */
  private badTarget = -1;
  maxTarget = 0;

  constructor(layout: SnapshotLayout, announcedRows: number) {
    this.fieldCount = layout.edgeFieldCount;
    this.nodeFieldCount = layout.nodeFieldCount;
    this.typeAt = layout.edgeTypeOffset;
    this.nameAt = layout.edgeNameOffset;
    this.toAt = layout.edgeToOffset;
    this.capacity = announcedRows > 0 ? announcedRows : 1024;
    this.type = new Uint8Array(this.capacity);
    this.name = new Uint32Array(this.capacity);
    this.to = new Uint32Array(this.capacity);
  }

  private grow(): void {
    this.capacity = grown(this.capacity);
    this.type = resized(this.type, this.capacity);
    this.name = resized(this.name, this.capacity);
    this.to = resized(this.to, this.capacity);
  }

  add(values: Uint32Array, n: number): void {
    const { typeAt, nameAt, toAt, fieldCount, nodeFieldCount: nf } = this;
    let { rows, field, maxTarget } = this;
    for (let i = 0; i < n; i++) {
      if (rows === this.capacity) this.grow();
      const v = values[i];
      if (field === toAt) {
        const ordinal = Math.floor(v / nf);
        if (ordinal * nf !== v && this.badTarget < 0) this.badTarget = v;
        if (ordinal > maxTarget) maxTarget = ordinal;
        this.to[rows] = ordinal;
      } else if (field === nameAt) {
        this.name[rows] = v;
      } else if (field === typeAt) {
        this.type[rows] = Math.min(v, MAX_BYTE);
      }
      if (++field === fieldCount) {
        field = 0;
        rows++;
      }
    }
    this.rows = rows;
    this.field = field;
    this.maxTarget = maxTarget;
  }

  finish(): EdgeColumns {
    if (this.field !== 0) throw inconsistent();
    if (this.badTarget >= 0) throw badEdgeTarget(this.badTarget);
    const n = this.rows;
    const exact = n === this.capacity;
    return {
      edgeCount: n,
      edgeType: exact ? this.type : this.type.slice(0, n),
      edgeName: exact ? this.name : this.name.slice(0, n),
      edgeTo: exact ? this.to : this.to.slice(0, n),
    };
  }
}

function inconsistent(): SnapshotError {
  return new SnapshotError(
    'bad-graph',
    'The snapshot is inconsistent: array lengths do not match the field counts.',
  );
}

export function badEdgeTarget(offset: number): SnapshotError {
  return new SnapshotError(
    'bad-graph',
    `The snapshot is inconsistent: an edge points to node offset ${offset}.`,
  );
}
