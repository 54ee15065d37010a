import type { ChainHop as LiveHop } from '../../src/live/types.ts';
import { edgeText } from '../../src/suspects/format.ts';
import type { ChainHop } from '../components/chain.ts';

/** A live-scan chain (holder · edge · object per hop) in the views' hop form: the root first, then one hop per edge. */
export function liveChainHops(chain: readonly LiveHop[]): ChainHop[] {
  if (!chain.length) return [];
  const hops: ChainHop[] = [{ edge: null, edgeKind: null, label: chain[0].holder, muted: false }];
  for (const h of chain) {
    hops.push({ edge: edgeText(h), edgeKind: h.edgeKind, label: h.object, muted: h.edgeKind === 'internal' });
  }
  return hops;
}
