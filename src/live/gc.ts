import type { CdpTransport } from '../cdp/transport.ts';
import type { DomNodeLike } from './detached.ts';

export interface DetachedDomNodesResult {
  detachedNodes: Array<{ treeNode: DomNodeLike; retainedNodeIds: number[] }>;
}

/**
 * Forces a full garbage collection from an extension: `DOM.getDetachedDomNodes` runs V8's "collect all available
 * garbage" before answering (HeapProfiler.collectGarbage is refused to extensions). Returns its answer too.
 */
export async function collectWithDetached(
  transport: CdpTransport,
): Promise<{ ms: number; result: DetachedDomNodesResult }> {
  const t0 = performance.now();
  const result = await transport.send<DetachedDomNodesResult>('DOM.getDetachedDomNodes');
  return { ms: performance.now() - t0, result };
}

/** Forces a full GC in the inspected page (see `collectWithDetached`). */
export async function forceGc(transport: CdpTransport): Promise<{ ms: number }> {
  const { ms } = await collectWithDetached(transport);
  return { ms };
}
