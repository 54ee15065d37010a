/** Chains in a report: live-scan chains and heap-snapshot chains as the one hop type, bounded like all report text. */
import type { Hop } from '../chain.ts';
import { heapHops } from '../heap/hops.ts';
import type { RetainerChain } from '../heap/result.ts';
import { clampString, REPORT_LIMITS as L } from './model.ts';

const clampHop = (h: Hop): Hop => ({
  holder: clampString(h.holder),
  edge: clampString(h.edge),
  edgeKind: h.edgeKind,
  object: clampString(h.object),
});

/** A live-scan chain, root first (its first hops kept). */
export function hopsFromLive(chain: readonly Hop[]): Hop[] {
  return chain.slice(0, L.maxChainHops).map(clampHop);
}

/** A heap-snapshot chain; the steps nearest the object are kept. */
export function hopsFromHeap(chain: RetainerChain): Hop[] {
  return heapHops(chain).slice(-L.maxChainHops).map(clampHop);
}
