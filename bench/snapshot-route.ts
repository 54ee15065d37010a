/** The route the live scan competes with, shared by bench/scan.ts and bench/panel-scan.ts. */
import type { Page } from 'puppeteer-core';
import { formatReport } from '../cli/format.ts';
import { runAnalysis } from '../src/heap/pipeline.ts';

/**
 * The snapshot route, timed end to end: a trusted CDP session takes a heap snapshot (V8 runs a full GC first),
 * the chunks are collected, and the same analysis `leakscope analyze <file>` runs (load, passes, queries, text
 * report) runs on them in this process. Returns its time and the snapshot's size.
 */
export async function snapshotRoute(
  page: Page,
): Promise<{ ms: number; takeMs: number; bytes: number; nodes: number }> {
  const t0 = performance.now();
  const cdp = await page.createCDPSession();
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }: { chunk: string }) => chunks.push(chunk));
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await cdp.send('HeapProfiler.disable');
  } finally {
    await cdp.detach().catch(() => {});
  }
  const takeMs = performance.now() - t0;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const result = await runAnalysis({
    snapshot: {
      name: 'bench.heapsnapshot',
      size,
      async *chunks() {
        yield* chunks;
      },
    },
  });
  formatReport(result, 10);
  return { ms: performance.now() - t0, takeMs, bytes: size, nodes: result.summary.nodeCount };
}
