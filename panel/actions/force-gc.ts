import type { CdpTransport } from '../../src/cdp/transport.ts';
import type { GcResult } from '../store.ts';

interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/**
 * A full garbage collection of the inspected page with only what an extension may call:
 * `DOM.getDetachedDomNodes` runs V8's "collect all available garbage" before it answers
 * (HeapProfiler.collectGarbage is refused to extensions). Reports the JS heap before and after.
 */
export async function forceGc(cdp: CdpTransport): Promise<GcResult> {
  const before = await cdp.send<HeapUsage>('Runtime.getHeapUsage');
  const start = performance.now();
  await cdp.send('DOM.getDetachedDomNodes');
  const ms = performance.now() - start;
  const after = await cdp.send<HeapUsage>('Runtime.getHeapUsage');
  return { heapBefore: before.usedSize, heapAfter: after.usedSize, ms, at: Date.now() };
}
