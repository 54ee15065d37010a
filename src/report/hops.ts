/** Chains as report hops: live-scan chains and heap-snapshot chains in the same words. */
import type { RetainerChain } from '../heap/result.ts';
import type { ChainHop } from '../live/types.ts';
import { edgeText } from '../suspects/format.ts';
import { clampString, REPORT_LIMITS as L, type ReportHop } from './model.ts';

/** A live-scan chain in words, root first (the edge text the panel shows). */
export function hopsFromLive(chain: readonly ChainHop[]): ReportHop[] {
  return chain.slice(0, L.maxChainHops).map((h) => ({
    holder: clampString(h.holder),
    edge: clampString(edgeText(h)),
    object: clampString(h.object),
  }));
}

/** A heap-snapshot chain (nodes with the edges between them) as hops; the steps nearest the object are kept. */
export function hopsFromHeap(chain: RetainerChain): ReportHop[] {
  const hops: ReportHop[] = [];
  for (let i = 1; i < chain.length; i++) {
    hops.push({
      holder: clampString(chain[i - 1].node.className),
      edge: clampString(chain[i].edge ?? ''),
      object: clampString(chain[i].node.className),
    });
  }
  return hops.slice(-L.maxChainHops);
}
