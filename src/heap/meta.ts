import { SnapshotError } from './errors.ts';

/** `snapshot.meta` as V8 writes it (only the parts the engine reads are typed strictly). */
export interface SnapshotMeta {
  node_fields: string[];
  node_types: unknown[];
  edge_fields: string[];
  edge_types: unknown[];
  location_fields?: string[];
  [key: string]: unknown;
}

/** The `snapshot` header object: meta plus counts. */
export interface SnapshotHeader {
  meta: SnapshotMeta;
  node_count?: number;
  edge_count?: number;
  [key: string]: unknown;
}

/** Field offsets and enum tables, resolved by name so 6- and 7-field node layouts both work. */
export interface SnapshotLayout {
  /** `meta.node_fields` as written (6 or 7 names, in file order). */
  nodeFields: string[];
  nodeFieldCount: number;
  typeOffset: number;
  nameOffset: number;
  idOffset: number;
  selfSizeOffset: number;
  edgeCountOffset: number;
  /** -1 when the snapshot has no `detachedness` field (older Chromium, Node before v16). */
  detachednessOffset: number;
  edgeFieldCount: number;
  edgeTypeOffset: number;
  edgeNameOffset: number;
  edgeToOffset: number;
  nodeTypes: string[];
  edgeTypes: string[];
  locationFieldCount: number;
  /** Offsets in `locations`; -1 when absent. */
  locationObjectOffset: number;
  locationScriptOffset: number;
  locationLineOffset: number;
  locationColumnOffset: number;
  /** Numeric codes of the node and edge types the passes test often (-1 when the snapshot lacks the type). */
  codes: TypeCodes;
}

export interface TypeCodes {
  hidden: number;
  array: number;
  string: number;
  object: number;
  code: number;
  closure: number;
  regexp: number;
  number: number;
  native: number;
  synthetic: number;
  concatString: number;
  slicedString: number;
  symbol: number;
  bigint: number;
  objectShape: number;
  edgeContext: number;
  edgeElement: number;
  edgeProperty: number;
  edgeInternal: number;
  edgeHidden: number;
  edgeShortcut: number;
  edgeWeak: number;
}

function badMeta(detail: string): SnapshotError {
  return new SnapshotError('bad-meta', `The snapshot header is not one Leakscope understands: ${detail}.`);
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw badMeta(`${what} is not a list of names`);
  return value as string[];
}

function field(fields: string[], name: string, what: string): number {
  const i = fields.indexOf(name);
  if (i < 0) throw badMeta(`${what} has no "${name}" field`);
  return i;
}

/** Validates `snapshot.meta` and resolves every offset the engine uses. */
export function readLayout(header: unknown): SnapshotLayout {
  if (typeof header !== 'object' || header === null) throw badMeta('"snapshot" is not an object');
  const meta = (header as { meta?: unknown }).meta;
  if (typeof meta !== 'object' || meta === null) throw badMeta('"snapshot.meta" is missing');
  const m = meta as Record<string, unknown>;
  const nodeFields = stringList(m.node_fields, 'node_fields');
  const edgeFields = stringList(m.edge_fields, 'edge_fields');
  if (!Array.isArray(m.node_types) || !Array.isArray(m.edge_types))
    throw badMeta('node_types or edge_types missing');
  const typeOffset = field(nodeFields, 'type', 'node_fields');
  const edgeTypeOffset = field(edgeFields, 'type', 'edge_fields');
  const nodeTypes = stringList(m.node_types[typeOffset], 'node_types[type]');
  const edgeTypes = stringList(m.edge_types[edgeTypeOffset], 'edge_types[type]');
  const locationFields = Array.isArray(m.location_fields)
    ? stringList(m.location_fields, 'location_fields')
    : [];
  const nt = (name: string) => nodeTypes.indexOf(name);
  const et = (name: string) => edgeTypes.indexOf(name);
  return {
    nodeFields,
    nodeFieldCount: nodeFields.length,
    typeOffset,
    nameOffset: field(nodeFields, 'name', 'node_fields'),
    idOffset: field(nodeFields, 'id', 'node_fields'),
    selfSizeOffset: field(nodeFields, 'self_size', 'node_fields'),
    edgeCountOffset: field(nodeFields, 'edge_count', 'node_fields'),
    detachednessOffset: nodeFields.indexOf('detachedness'),
    edgeFieldCount: edgeFields.length,
    edgeTypeOffset,
    edgeNameOffset: field(edgeFields, 'name_or_index', 'edge_fields'),
    edgeToOffset: field(edgeFields, 'to_node', 'edge_fields'),
    nodeTypes,
    edgeTypes,
    locationFieldCount: locationFields.length,
    locationObjectOffset: locationFields.indexOf('object_index'),
    locationScriptOffset: locationFields.indexOf('script_id'),
    locationLineOffset: locationFields.indexOf('line'),
    locationColumnOffset: locationFields.indexOf('column'),
    codes: {
      hidden: nt('hidden'),
      array: nt('array'),
      string: nt('string'),
      object: nt('object'),
      code: nt('code'),
      closure: nt('closure'),
      regexp: nt('regexp'),
      number: nt('number'),
      native: nt('native'),
      synthetic: nt('synthetic'),
      concatString: nt('concatenated string'),
      slicedString: nt('sliced string'),
      symbol: nt('symbol'),
      bigint: nt('bigint'),
      objectShape: nt('object shape'),
      edgeContext: et('context'),
      edgeElement: et('element'),
      edgeProperty: et('property'),
      edgeInternal: et('internal'),
      edgeHidden: et('hidden'),
      edgeShortcut: et('shortcut'),
      edgeWeak: et('weak'),
    },
  };
}
