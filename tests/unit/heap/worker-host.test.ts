import { openAsBlob, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createHeapWorkerHost } from '../../../src/heap/worker-host.ts';
import type { HeapWorkerResponse } from '../../../src/heap/worker-protocol.ts';
import { buildSnapshot, snapshotText } from './snapshot-builder.ts';

function host() {
  const messages: HeapWorkerResponse[] = [];
  const h = createHeapWorkerHost((m) => messages.push(structuredClone(m)));
  return { h, messages };
}

const text = snapshotText(
  [{ key: 'root' }, { key: 'g', name: 'global' }, { key: 'a', name: 'Thing', selfSize: 99 }],
  [
    { from: 'root', to: 'g', type: 'shortcut' },
    { from: 'g', to: 'a', name: 'thing' },
  ],
);

describe('heap worker host (the worker minus its global scope)', () => {
  test('analyze: progress messages, then one structured-clonable result', async () => {
    const { h, messages } = host();
    await h.handle({ type: 'analyze', jobId: 7, file: new File([text], 'x.heapsnapshot') });
    const last = messages.at(-1)!;
    expect(last.type).toBe('result');
    if (last.type !== 'result') return;
    expect(last.jobId).toBe(7);
    expect(last.result.summary.nodeCount).toBe(3);
    expect(last.result.largest[0].node.className).toBe('Thing');
    const progress = messages.filter((m) => m.type === 'progress');
    expect(
      progress.some(
        (m) => m.type === 'progress' && m.progress.phase === 'load' && m.progress.bytesRead === text.length,
      ),
    ).toBe(true);
    expect(
      progress.some(
        (m) => m.type === 'progress' && m.progress.phase === 'analyze' && m.progress.pass === 'dominators',
      ),
    ).toBe(true);
  });

  test('bad input comes back as an error message, not an exception', async () => {
    const { h, messages } = host();
    await h.handle({ type: 'analyze', jobId: 1, file: new Blob(['not json at all']) });
    expect(messages.at(-1)).toMatchObject({ type: 'error', jobId: 1, code: 'not-json' });
    await h.handle({ type: 'analyze', jobId: 2, file: new Blob([text.slice(0, 100)]) });
    expect(messages.at(-1)).toMatchObject({ type: 'error', jobId: 2, code: 'truncated' });
    await h.handle({ type: 'analyze', jobId: 3, file: new Blob([text]), options: { maxBytes: 10 } });
    expect(messages.at(-1)).toMatchObject({ type: 'error', jobId: 3, code: 'too-large' });
    await h.handle({ type: 'bogus' });
    expect(messages.at(-1)).toMatchObject({ type: 'error', jobId: -1 });
  });

  test('cancel: a cancelled job answers "cancelled" and the next job still runs', async () => {
    const { h, messages } = host();
    const running = h.handle({ type: 'analyze', jobId: 1, file: new Blob([text]) });
    void h.handle({ type: 'cancel', jobId: 1 });
    await running;
    expect(messages.filter((m) => m.type !== 'progress')).toEqual([{ type: 'cancelled', jobId: 1 }]);
    await h.handle({ type: 'diff', jobId: 2, baseline: new Blob([text]), target: new Blob([text]) });
    expect(messages.at(-1)).toMatchObject({ type: 'result', jobId: 2 });
    const last = messages.at(-1)!;
    if (last.type === 'result')
      expect(last.result.diff).toMatchObject({ snapshots: 2, newInTarget: 0, groups: [] });
  });
});

describe('every kind of bad input is an error message from the worker, and nothing hangs', () => {
  const badMeta = buildSnapshot([{ key: 'root' }], []);
  badMeta.snapshot.meta.node_fields = ['type', 'name'];
  const cases: [string, () => Promise<Blob>, string][] = [
    ['empty', async () => new Blob([]), 'empty'],
    ['truncated', async () => new Blob([text.slice(0, -20)]), 'truncated'],
    ['not JSON', async () => new Blob(['\u0000\u0001binary']), 'not-json'],
    ['JSON, not a snapshot', async () => new Blob(['{"a": [1, 2]}']), 'not-snapshot'],
    ['wrong meta', async () => new Blob([JSON.stringify(badMeta)]), 'bad-meta'],
    ['0 nodes', async () => new Blob([snapshotText([], [])]), 'no-nodes'],
    [
      'several GB (a sparse file)',
      async () => {
        const p = join(tmpdir(), `leakscope-sparse-${process.pid}.heapsnapshot`);
        writeFileSync(p, '');
        // 3 GiB: Node 20's openAsBlob reports sizes modulo 2^32, so a 5 GiB file would look like 1 GiB here.
        truncateSync(p, 3 * 1024 ** 3);
        try {
          return await openAsBlob(p);
        } finally {
          rmSync(p);
        }
      },
      'too-large',
    ],
  ];
  test.each(cases)('%s', async (_name, make, code) => {
    const { h, messages } = host();
    await h.handle({ type: 'analyze', jobId: 9, file: await make() });
    const last = messages.at(-1);
    expect(last).toMatchObject({ type: 'error', jobId: 9, code });
    if (last?.type === 'error') expect(last.message.length).toBeGreaterThan(10);
  });
});
