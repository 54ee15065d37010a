import type { CdpTransport } from '../cdp/transport.ts';
import type { DomNodeLike } from './detached.ts';

/** All these helpers need is `send` (a scan passes its PageSession). */
type Sender = Pick<CdpTransport, 'send'>;

export interface DetachedDomNodesResult {
  detachedNodes: Array<{ treeNode: DomNodeLike; retainedNodeIds: number[] }>;
}

/**
 * Drops every node this session's DOM agent has bound to a nodeId. `DOM.getDetachedDomNodes` binds each tree it
 * returns, and a bound node stays alive after the page lets it go (verified on Chromium 156: a removed <li> the page
 * released after a Force GC was still alive at the next one, and was reported). `DOM.getDocument` discards the
 * agent's bindings before it binds the document node again; `DOM.disable` is refused unless `DOM.enable` ran.
 */
export async function releaseDomBindings(transport: Sender): Promise<void> {
  await transport.send('DOM.getDocument', { depth: 0 });
}

/**
 * Forces a full garbage collection from an extension: `DOM.getDetachedDomNodes` runs V8's "collect all available
 * garbage" before answering (HeapProfiler.collectGarbage is refused to extensions). Returns its answer too.
 */
export async function collectWithDetached(
  transport: Sender,
): Promise<{ ms: number; result: DetachedDomNodesResult }> {
  // Nothing Leakscope bound earlier may survive the GC that decides what is detached, nor what this call binds.
  await releaseDomBindings(transport);
  const t0 = performance.now();
  const result = await transport.send<DetachedDomNodesResult>('DOM.getDetachedDomNodes');
  const ms = performance.now() - t0;
  await releaseDomBindings(transport);
  return { ms, result };
}

/** Forces a full GC in the inspected page (see `collectWithDetached`). */
export async function forceGc(transport: Sender): Promise<{ ms: number }> {
  const { ms } = await collectWithDetached(transport);
  return { ms };
}
