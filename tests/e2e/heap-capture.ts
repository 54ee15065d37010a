/**
 * Takes real heap snapshots of a page through puppeteer's own (trusted) CDP session and streams the chunks
 * straight into Leakscope's loader — optionally also into a file, for tools that read files (MemLab).
 *
 * Keep one session open for snapshots you want to diff: `HeapProfiler.disable` (and detaching) drops V8's object
 * id map, so ids taken in two sessions do not match (verified on Chromium 156).
 */
import { createWriteStream } from 'node:fs';
import type { CDPSession, Page } from 'puppeteer-core';
import type { HeapGraph } from '../../src/heap/graph.ts';
import { SnapshotLoader } from '../../src/heap/loader.ts';

export interface Capture {
  graph: HeapGraph;
  chars: number;
  chunks: number;
}

export interface HeapSession {
  capture(saveTo?: string): Promise<Capture>;
  close(): Promise<void>;
}

export async function openHeapSession(page: Page): Promise<HeapSession> {
  const cdp: CDPSession = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  return {
    async capture(saveTo) {
      const loader = new SnapshotLoader();
      const file = saveTo ? createWriteStream(saveTo) : null;
      let chunks = 0;
      let failure: unknown = null;
      const onChunk = ({ chunk }: { chunk: string }) => {
        chunks++;
        file?.write(chunk);
        try {
          if (!failure) loader.write(chunk);
        } catch (err) {
          failure = err;
        }
      };
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      }
      if (file)
        await new Promise<void>((resolve, reject) =>
          file.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
      if (failure) throw failure;
      return { graph: loader.finish(), chars: loader.bytes, chunks };
    },
    async close() {
      await cdp.send('HeapProfiler.disable').catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

/** One snapshot in its own session. */
export async function captureHeap(page: Page, saveTo?: string): Promise<Capture> {
  const session = await openHeapSession(page);
  try {
    return await session.capture(saveTo);
  } finally {
    await session.close();
  }
}

/**
 * A precise garbage collection through puppeteer's own CDP session. Leakscope's GC (`DOM.getDetachedDomNodes`)
 * collects inside the CDP call, so Oilpan scans the renderer's stack conservatively and a stale stack word can keep
 * a removed tree alive for that GC; `HeapProfiler.collectGarbage` collects in a task of its own with no heap
 * pointers on the stack (docs/live-scan.md). Garbage it frees cannot come back, so a listing after it shows only
 * what something really holds — the tool included.
 */
export async function collectPrecisely(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
}
