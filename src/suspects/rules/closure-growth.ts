import type { ClosureChain } from '../../live/types.ts';
import { chainShape } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { sameDocument, steadyGrowth } from './history.ts';

/** Shared with the one-scan closure-chain rule. */
export const CLOSURE_FIX =
  'Closures created in the same scope share one context: if any of them mentions the previous value (here `VAR`), every function created there keeps it — and so the whole chain of earlier ones. Set `VAR = null` once it is used, or create the long-lived function outside that scope.';

const key = (c: ClosureChain) => `${c.root}\u0000${c.variable}`;

/**
 * The replaceThing pattern: a chain in which one closure variable repeats (`theThing → someMethod() → closure
 * originalThing → … → someMethod() → closure originalThing`) got longer between scans of one document.
 */
export class ClosureGrowthRule implements LeakRule {
  readonly kind = 'closure-growth' as const;

  apply(scan: ScanResult, _claimed: Claims, history: readonly ScanResult[] = []): Suspect[] {
    const earlier = sameDocument(scan, history);
    if (earlier.length === 0) return [];
    const byKey = earlier.map((h) => new Map(h.growth.closureChains.map((c) => [key(c), c])));
    const out: Suspect[] = [];
    for (const c of scan.growth.closureChains) {
      // A chain shorter than two links is not recorded: absent in an earlier scan of the page means ≤ 1.
      const values = [...byKey.map((m) => m.get(key(c))?.length ?? 1), c.length];
      const before = values[values.length - 2];
      if (c.length <= before) continue;
      const steady = steadyGrowth(values);
      const fn = c.holder.replace(/\(\)$/, '');
      out.push({
        kind: 'closure-growth',
        severity: steady ? 'high' : 'medium',
        title: `Closure chain from ${c.root} through ${c.holder}'s variable \`${c.variable}\` grew from ${before} to ${c.length} links: each new ${fn}() keeps the previous value alive`,
        evidence: { objects: c.length, detail: `links by scan: ${values.join(' → ')}` },
        chain: c.chain,
        callsite: null,
        fix: CLOSURE_FIX.replaceAll('VAR', c.variable),
        count: 1,
        shape: chainShape('closure-growth', null, key(c)),
      });
    }
    return out;
  }
}
