/**
 * Writes a valid V8 heap snapshot JSON from a small node/edge list, for unit tests. Nodes are named by `key`;
 * the first node is the root. Layout options cover both the 6-field (Chromium) and 7-field (Node) formats.
 */
export interface SynthNode {
  key: string;
  name?: string;
  type?: string;
  selfSize?: number;
  id?: number;
  detachedness?: number;
}

export interface SynthEdge {
  from: string;
  to: string;
  type?: string;
  /** Property/variable name, or index for element/hidden edges (default: the target key). */
  name?: string | number;
}

export interface SynthOptions {
  /** 7 = Node's layout with trace_node_id; 6 = Chromium's; 5 = no detachedness (old). Default 6. */
  fields?: 5 | 6 | 7;
  /** Extra top-level sections to include (to check they are skipped). */
  extra?: Record<string, unknown>;
}

export const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export function buildSnapshot(nodes: SynthNode[], edges: SynthEdge[], opts: SynthOptions = {}) {
  const fields = opts.fields ?? 6;
  const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count'];
  if (fields === 7) nodeFields.push('trace_node_id');
  if (fields >= 6) nodeFields.push('detachedness');
  const strings: string[] = [];
  const str = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const index = new Map(nodes.map((n, i) => [n.key, i]));
  const out: number[] = [];
  const edgeOut: number[] = [];
  nodes.forEach((n, i) => {
    const own = edges.filter((e) => e.from === n.key);
    const row = [
      NODE_TYPES.indexOf(n.type ?? (i === 0 ? 'synthetic' : 'object')),
      str(n.name ?? n.key),
      n.id ?? i * 2 + 1,
      n.selfSize ?? (i === 0 ? 0 : 10),
      own.length,
    ];
    if (fields === 7) row.push(0);
    if (fields >= 6) row.push(n.detachedness ?? 0);
    out.push(...row);
    for (const e of own) {
      const to = index.get(e.to);
      if (to === undefined) throw new Error(`unknown node ${e.to}`);
      const type = e.type ?? 'property';
      const numeric = type === 'element' || type === 'hidden';
      const name = e.name ?? (numeric ? 0 : e.to);
      edgeOut.push(
        EDGE_TYPES.indexOf(type),
        numeric ? Number(name) : str(String(name)),
        to * nodeFields.length,
      );
    }
  });
  return {
    snapshot: {
      meta: {
        node_fields: nodeFields,
        node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
        location_fields: ['object_index', 'script_id', 'line', 'column'],
      },
      node_count: nodes.length,
      edge_count: edgeOut.length / 3,
    },
    nodes: out,
    edges: edgeOut,
    ...opts.extra,
    locations: [],
    strings,
  };
}

/** The snapshot as JSON text, in V8's own line layout (one node or edge per line). */
export function snapshotText(nodes: SynthNode[], edges: SynthEdge[], opts: SynthOptions = {}): string {
  return JSON.stringify(buildSnapshot(nodes, edges, opts));
}

/** A random-sized chunking of `text` (sizes 1..max), deterministic for a seed. */
export function randomChunks(text: string, seed: number, max = 9): string[] {
  let x = seed || 1;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * max);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}
