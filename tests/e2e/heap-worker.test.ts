/**
 * The heap worker in a real browser: src/heap/worker.ts bundled as a module worker, fed a File made from a real
 * Chromium snapshot, talking the worker-protocol messages.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HeapWorkerResponse } from '../../src/heap/worker-protocol.ts';
import { launch, openPage, ROOT, type Session } from './harness.ts';
import { captureHeap } from './heap-capture.ts';

let session: Session;
let workerCode: string;
let snapshotText: string;
const dir = mkdtempSync(join(tmpdir(), 'leakscope-worker-'));

beforeAll(async () => {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'src/heap/worker.ts'), formats: ['es'], fileName: 'worker' },
    },
  })) as Rollup.RollupOutput[];
  workerCode = out[0].output[0].code;
  session = await launch({ extension: false });
  const page = await openPage(session, 'heap/detached-table.html');
  await captureHeap(page, join(dir, 'table.heapsnapshot'));
  snapshotText = readFileSync(join(dir, 'table.heapsnapshot'), 'utf8');
  await page.close();
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Job = { kind: 'analyze'; text: string; cancel?: boolean } | { kind: 'diff'; text: string };

/** Runs jobs through one worker inside the page; returns every message the worker posted. */
async function runInWorker(jobs: Job[]): Promise<HeapWorkerResponse[]> {
  const page = await openPage(session, 'heap/worker.html');
  const messages = (await page.evaluate(
    async (code: string, list: Job[]) => {
      const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module' });
      const seen: unknown[] = [];
      for (const [i, job] of list.entries()) {
        const jobId = i + 1;
        const done = new Promise<void>((resolve) => {
          worker.onmessage = (e: MessageEvent) => {
            seen.push(e.data);
            if (e.data.jobId === jobId && e.data.type !== 'progress') resolve();
          };
        });
        const file = new File([job.text], 'page.heapsnapshot');
        if (job.kind === 'analyze') worker.postMessage({ type: 'analyze', jobId, file });
        else worker.postMessage({ type: 'diff', jobId, baseline: file, target: file, final: file });
        if (job.kind === 'analyze' && job.cancel) worker.postMessage({ type: 'cancel', jobId });
        await done;
      }
      worker.terminate();
      return seen;
    },
    workerCode,
    jobs,
  )) as HeapWorkerResponse[];
  await page.close();
  return messages;
}

test('analyze a real snapshot File in a module worker: progress, then a compact result', async () => {
  const messages = await runInWorker([{ kind: 'analyze', text: snapshotText }]);
  const last = messages.at(-1)!;
  expect(last.type, JSON.stringify(last).slice(0, 300)).toBe('result');
  if (last.type !== 'result') return;
  const loads = messages.filter((m) => m.type === 'progress' && m.progress.phase === 'load');
  expect(loads.length).toBeGreaterThan(1);
  const lastLoad = loads.at(-1);
  if (lastLoad?.type === 'progress' && lastLoad.progress.phase === 'load') {
    expect(lastLoad.progress.bytesRead).toBe(lastLoad.progress.totalBytes);
  }
  const table = last.result.detachedTrees.find((t) => t.root.className === 'Detached <table>');
  expect(table?.nodeCount).toBe(46);
  expect(table?.chain.map((s) => s.edge)).toContain('cellIndex');
  // Compact: the result is a small fraction of the snapshot.
  expect(JSON.stringify(last.result).length).toBeLessThan(snapshotText.length / 5);
});

test('bad input and cancel come back as messages; the worker keeps serving', async () => {
  const messages = await runInWorker([
    { kind: 'analyze', text: 'definitely not json' },
    { kind: 'analyze', text: snapshotText.slice(0, 100_000) },
    { kind: 'analyze', text: snapshotText, cancel: true },
    { kind: 'diff', text: snapshotText },
  ]);
  const finals = messages.filter((m) => m.type !== 'progress');
  expect(finals.map((m) => [m.jobId, m.type, m.type === 'error' ? m.code : ''])).toEqual([
    [1, 'error', 'not-json'],
    [2, 'error', 'truncated'],
    [3, 'cancelled', ''],
    [4, 'result', ''],
  ]);
  const diff = finals[3];
  if (diff.type === 'result')
    expect(diff.result.diff).toMatchObject({ snapshots: 3, newInTarget: 0, groups: [] });
});
