import { describe, expect, test } from 'vitest';
import { SnapshotError } from '../../../src/heap/errors.ts';
import { loadSnapshot, SnapshotLoader } from '../../../src/heap/loader.ts';
import { buildSnapshot, snapshotText } from './snapshot-builder.ts';

const small = () => snapshotText([{ key: 'root' }, { key: 'a' }], [{ from: 'root', to: 'a' }]);

async function load(text: string) {
  return loadSnapshot([text]);
}

async function errorOf(p: Promise<unknown>): Promise<SnapshotError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SnapshotError);
  return e as SnapshotError;
}

describe('bad input gives a SnapshotError with a clear message', () => {
  test('empty file', async () => {
    const e = await errorOf(load(''));
    expect(e.code).toBe('empty');
    expect(e.message).toBe('The file is empty.');
    expect((await errorOf(load('  \n'))).code).toBe('empty');
  });

  test('truncated file (cut anywhere inside)', async () => {
    const text = small();
    for (const cut of [1, 10, Math.floor(text.length / 2), text.length - 1]) {
      const e = await errorOf(load(text.slice(0, cut)));
      expect(e.code, `cut at ${cut}`).toBe('truncated');
      expect(e.message).toMatch(/ends too early.*cut off/);
    }
  });

  test('not JSON', async () => {
    const e = await errorOf(load('hello world'));
    expect(e.code).toBe('not-json');
    expect(e.message).toMatch(/not valid heap snapshot JSON/);
    expect((await errorOf(load('{"nodes": [1, 2, x]}'))).code).toBe('not-json');
    expect((await errorOf(load('{"nodes" [1]}'))).code).toBe('not-json');
  });

  test('JSON that is not a snapshot', async () => {
    expect((await errorOf(load('[1, 2, 3]'))).code).toBe('not-snapshot');
    expect((await errorOf(load('{"name": "package.json", "version": "1.0.0"}'))).message).toMatch(
      /not a heap snapshot/,
    );
    expect((await errorOf(load('{"nodes": "abc"}'))).code).toBe('not-snapshot');
  });

  test('wrong meta: missing or unknown fields', async () => {
    const snap = buildSnapshot([{ key: 'root' }], []);
    const noId = structuredClone(snap);
    noId.snapshot.meta.node_fields = noId.snapshot.meta.node_fields.map((f: string) =>
      f === 'id' ? 'ident' : f,
    );
    const e = await errorOf(load(JSON.stringify(noId)));
    expect(e.code).toBe('bad-meta');
    expect(e.message).toMatch(/no "id" field/);
    const noMeta = { ...snap, snapshot: { node_count: 1 } };
    expect((await errorOf(load(JSON.stringify(noMeta)))).code).toBe('bad-meta');
    const huge = structuredClone(snap);
    huge.snapshot.node_count = 1e12;
    expect((await errorOf(load(JSON.stringify(huge)))).code).toBe('bad-meta');
  });

  test('a snapshot with 0 nodes', async () => {
    const e = await errorOf(load(snapshotText([], [])));
    expect(e.code).toBe('no-nodes');
    expect(e.message).toBe('The snapshot contains no objects (0 nodes).');
  });

  test('inconsistent graph: edge counts or targets out of range', async () => {
    const snap = buildSnapshot([{ key: 'root' }, { key: 'a' }], [{ from: 'root', to: 'a' }]);
    const badCount = structuredClone(snap);
    badCount.nodes[4] = 5;
    expect((await errorOf(load(JSON.stringify(badCount)))).code).toBe('bad-graph');
    const badTarget = structuredClone(snap);
    badTarget.edges[2] = 600;
    expect((await errorOf(load(JSON.stringify(badTarget)))).message).toMatch(
      /edge points to node offset 600/,
    );
  });

  test('inconsistent graph: a node type or name index out of range names the node', async () => {
    const snap = buildSnapshot([{ key: 'root' }, { key: 'a' }, { key: 'b' }], []);
    const nf = snap.snapshot.meta.node_fields.length;
    const badName = structuredClone(snap);
    badName.nodes[2 * nf + 1] = snap.strings.length; // node 2's name: one past the strings table
    expect((await errorOf(load(JSON.stringify(badName)))).message).toMatch(
      /node 2 has an unknown type or name/,
    );
    const badType = structuredClone(snap);
    badType.nodes[nf] = 300; // node 1's type: not in node_types (and past a byte)
    expect((await errorOf(load(JSON.stringify(badType)))).message).toMatch(
      /node 1 has an unknown type or name/,
    );
  });

  test('too large: refused up front from the known size, or while streaming', () => {
    expect(() => new SnapshotLoader({ totalBytes: 5 * 1024 ** 3 })).toThrow(
      /5\.00 GiB; Leakscope reads snapshots up to 2\.00 GiB/,
    );
    const loader = new SnapshotLoader({ maxBytes: 10 });
    expect(() => loader.write('{"snapshot": {}')).toThrow(SnapshotError);
  });

  test('cancel stops loading with a "cancelled" error', async () => {
    const ctrl = new AbortController();
    async function* chunks() {
      yield '{"snapshot":';
      ctrl.abort();
      yield '{}';
    }
    const e = await errorOf(loadSnapshot(chunks(), { signal: ctrl.signal }));
    expect(e.code).toBe('cancelled');
  });

  test('progress reports bytes read against the total', async () => {
    const text = small();
    const seen: number[] = [];
    const graph = await loadSnapshot([text.slice(0, 20), text.slice(20)], {
      totalBytes: text.length,
      onProgress: (p) => {
        expect(p.totalBytes).toBe(text.length);
        seen.push(p.bytesRead);
      },
    });
    expect(seen).toEqual([20, text.length]);
    expect(graph.graph.nodeCount).toBe(2);
  });
});
