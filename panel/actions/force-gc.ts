import type { CdpTransport } from '../../src/cdp/index.ts';
import { forceGc as collectGarbage } from '../../src/live/index.ts';
import type { GcResult } from '../store.ts';

interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/** Force GC as the panel shows it: the core's full collection, with the JS heap before and after. */
export async function forceGc(cdp: CdpTransport): Promise<GcResult> {
  const before = await cdp.send<HeapUsage>('Runtime.getHeapUsage');
  const { ms } = await collectGarbage(cdp);
  const after = await cdp.send<HeapUsage>('Runtime.getHeapUsage');
  return { heapBefore: before.usedSize, heapAfter: after.usedSize, ms, at: Date.now() };
}
