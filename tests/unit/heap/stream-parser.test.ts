import { describe, expect, test } from 'vitest';
import { SnapshotStreamParser } from '../../../src/heap/stream-parser.ts';
import { randomChunks, type SynthEdge, type SynthNode, snapshotText } from './snapshot-builder.ts';

/** A few hundred nodes with awkward strings: escapes, quotes, backslashes at chunk edges, non-ASCII, emoji. */
function awkwardSnapshot(): string {
  const names = [
    'plain',
    'with "quotes"',
    'back\\slash',
    'ends with \\',
    '\\"',
    'tab\tnew\nline',
    'é ü 漢字',
    '😀 pair',
    '\u0001ctl',
    '',
  ];
  const nodes: SynthNode[] = [{ key: 'root', name: '' }];
  const edges: SynthEdge[] = [];
  for (let i = 0; i < 300; i++) {
    nodes.push({
      key: `n${i}`,
      name: `${names[i % names.length]}#${i}`,
      selfSize: (i * 7919) % 100_000,
      id: 1000 + i * 2,
    });
    edges.push({ from: i === 0 ? 'root' : `n${i - 1}`, to: `n${i}`, name: names[(i * 3) % names.length] });
    if (i % 3 === 0) edges.push({ from: `n${i}`, to: `n${Math.floor(i / 2)}`, type: 'element', name: i });
  }
  return snapshotText(nodes, edges, {
    fields: 7,
    extra: { trace_tree: [1, [2, [3]]], samples: [], scopes: { a: '"}]' } },
  });
}

/** The columns the parser should split `nodes` and `edges` into, computed from JSON.parse's flat arrays. */
function expectedColumns(json: {
  snapshot: { meta: { node_fields: string[] } };
  nodes: number[];
  edges: number[];
}) {
  const fields = json.snapshot.meta.node_fields;
  const nf = fields.length;
  const column = (name: string) => json.nodes.filter((_, i) => i % nf === fields.indexOf(name));
  const firstEdge = [0];
  for (const count of column('edge_count')) firstEdge.push(firstEdge.at(-1)! + count);
  return {
    nodeType: column('type'),
    nodeName: column('name'),
    nodeId: column('id'),
    nodeSelfSize: column('self_size'),
    nodeDetachedness: column('detachedness'),
    firstEdge,
    edgeType: json.edges.filter((_, i) => i % 3 === 0),
    edgeName: json.edges.filter((_, i) => i % 3 === 1),
    edgeTo: json.edges.filter((_, i) => i % 3 === 2).map((to) => to / nf),
  };
}

function parseChunks(chunks: string[]) {
  const p = new SnapshotStreamParser();
  for (const c of chunks) p.write(c);
  return p.finish();
}

describe('SnapshotStreamParser', () => {
  const text = awkwardSnapshot();
  const json = JSON.parse(text);
  const whole = parseChunks([text]);

  test('one chunk gives exactly the values and strings JSON.parse gives, split into columns', () => {
    const want = expectedColumns(json);
    const { nodes, edges } = whole;
    expect(nodes.nodeCount).toBe(want.nodeId.length);
    expect(edges.edgeCount).toBe(want.edgeTo.length);
    expect(Array.from(nodes.nodeType)).toEqual(want.nodeType);
    expect(Array.from(nodes.nodeName)).toEqual(want.nodeName);
    expect(Array.from(nodes.nodeId)).toEqual(want.nodeId);
    expect(Array.from(nodes.nodeSelfSize)).toEqual(want.nodeSelfSize);
    expect(Array.from(nodes.nodeDetachedness)).toEqual(want.nodeDetachedness);
    expect(Array.from(nodes.firstEdge)).toEqual(want.firstEdge);
    expect(Array.from(edges.edgeType)).toEqual(want.edgeType);
    expect(Array.from(edges.edgeName)).toEqual(want.edgeName);
    expect(Array.from(edges.edgeTo)).toEqual(want.edgeTo);
    expect(whole.strings).toEqual(json.strings);
    expect(whole.header).toEqual(json.snapshot);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'tiny random chunks (seed %i) give the same result as one chunk',
    (seed) => {
      const r = parseChunks(randomChunks(text, seed, seed === 1 ? 1 : 11));
      expect(r.nodes).toEqual(whole.nodes);
      expect(r.edges).toEqual(whole.edges);
      expect(r.locations).toEqual(whole.locations);
      expect(r.strings).toEqual(whole.strings);
      expect(r.header).toEqual(whole.header);
    },
  );

  test('V8 line layout (newlines after commas) and no header counts still parse', () => {
    const snap = JSON.parse(text);
    delete snap.snapshot.node_count;
    delete snap.snapshot.edge_count;
    const v8ish = JSON.stringify(snap).replace(/,(\d)/g, ',\n$1');
    const r = parseChunks(randomChunks(v8ish, 42, 64));
    expect(r.nodes).toEqual(whole.nodes);
    expect(r.edges).toEqual(whole.edges);
  });

  test('sections in another order are found by name', () => {
    const snap = JSON.parse(text);
    const reordered = {
      strings: snap.strings,
      edges: snap.edges,
      snapshot: snap.snapshot,
      nodes: snap.nodes,
    };
    const r = parseChunks([JSON.stringify(reordered)]);
    expect(r.nodes).toEqual(whole.nodes);
    expect(r.strings).toEqual(whole.strings);
  });
});

test('a self size beyond 32 bits (a huge ArrayBuffer backing store) saturates instead of failing', () => {
  const text = snapshotText([{ key: 'root' }, { key: 'buf', type: 'native', selfSize: 5 * 1024 ** 3 }], []);
  const p = new SnapshotStreamParser();
  p.write(text);
  expect(p.finish().nodes.nodeSelfSize[1]).toBe(0xffffffff);
});
