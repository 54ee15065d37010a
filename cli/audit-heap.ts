/**
 * Heap snapshots for an audit, kept in memory as the chunks CDP sent. All snapshots go through ONE CDP session with
 * HeapProfiler enabled: disabling it (or a new session) resets V8's object ids, and the diff matches objects by id.
 */
import type { SnapshotSource } from '../src/heap/index.ts';
import { CREATE_STATE } from '../src/live/index.ts';
import type { PageDriver } from './page-driver.ts';

export interface HeapRecorder {
  take(name: string): Promise<SnapshotSource>;
  /**
   * A precise GC (V8 runs it as a task of its own, no heap pointers on the stack). The scan's own GC, forced by
   * `DOM.getDetachedDomNodes` inside the CDP call, scans the renderer's stack conservatively and can keep removed
   * nodes a stale stack word points at; collecting precisely first keeps them out of the scans (docs/live-scan.md).
   * Returns the JS heap used after it, with Leakscope's own page code counted exactly once: V8 keeps the scan's
   * compiled page code (14–30 kB) cached for some GCs and then drops it, which made the scan's own reading of an idle
   * page swing by that much from one iteration to the next.
   */
  collect(): Promise<number>;
  close(): Promise<void>;
}

export async function openHeapRecorder(driver: PageDriver): Promise<HeapRecorder> {
  const cdp = await driver.cdpSession();
  await cdp.send('HeapProfiler.enable');
  return {
    async take(name) {
      const chunks: string[] = [];
      const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      }
      const size = chunks.reduce((n, c) => n + c.length, 0);
      return {
        name,
        size,
        async *chunks() {
          yield* chunks;
        },
      };
    },
    async collect() {
      // The reading counts Leakscope's own page code exactly once: a state made from the scan's very source is alive
      // while it is taken (V8 reuses its compiled code when cached, or the uncached copy is gone after the GC).
      const pin = 'leakscope-audit-reading';
      await cdp.send('Runtime.evaluate', { expression: CREATE_STATE, objectGroup: pin, silent: true });
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        return usedSize;
      } finally {
        await cdp.send('Runtime.releaseObjectGroup', { objectGroup: pin });
      }
    },
    async close() {
      await cdp.send('HeapProfiler.disable').catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}
