import type { ClosureChain } from '../../live/types.ts';
import { chainShape, formatBytes } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { CLOSURE_FIX } from './closure-growth.ts';
import { maxSeverity, severityForRetained } from './thresholds.ts';

/** Links of one closure variable, all closures of one function definition, before one scan calls it a chain. */
export const MIN_CHAIN_DEPTH = 3;

/** `window.current` / `script current` → the global's name, as the global rule knows it. */
function globalName(c: ClosureChain): string | null {
  const first = c.chain[0];
  if (!first) return null;
  if (first.holder === 'window') return first.edge;
  if (first.holder === 'script') return first.edge.replace(/^const /, '');
  return null;
}

/**
 * The replaceThing shape in one scan, recognised structurally: along one chain the same closure variable repeats
 * at least MIN_CHAIN_DEPTH times, every link's function is the same definition (same [[FunctionLocation]]) and the
 * linked objects share one shape. Closures created in one scope share one context, so a method of each new object
 * keeps the variable another closure of that scope captured (`previous`), and with it every earlier object.
 * Severity from what the chain keeps (the retained-size table), at least low. It claims its root global, so the
 * global rule does not report the same bytes again as "Global `current` keeps …".
 */
export class ClosureChainRule implements LeakRule {
  readonly kind = 'closure-chain' as const;

  apply(scan: ScanResult, claimed: Claims): Suspect[] {
    const out: Suspect[] = [];
    for (const c of scan.growth.closureChains) {
      if (c.length < MIN_CHAIN_DEPTH || c.sameFunction !== true || !c.linkShape) continue;
      const bytes = c.bytes ?? 0;
      const builder = c.builder ? `\`${c.builder}()\`` : 'One function';
      const method = c.holder;
      const name = globalName(c);
      if (name) claimed.globals.add(name);
      out.push({
        kind: 'closure-chain',
        severity: maxSeverity('low', severityForRetained({ bytes })) ?? 'low',
        title:
          `${builder} builds a closure chain ${c.length} deep from ${c.root}: each new ${c.linkShape} keeps the previous one through \`${c.variable}\`` +
          `${bytes > 0 ? ` (≥ ${formatBytes(bytes)})` : ''}, because ${method} shares its context with the closure that captures it`,
        evidence: {
          objects: c.length,
          bytes: bytes || undefined,
          detail: `depth ${c.length}; captured variable ${c.variable}; built by ${c.builder ? `${c.builder}()` : '?'}; method ${method}`,
        },
        chain: c.chain,
        callsite: null,
        fix: CLOSURE_FIX.replaceAll('VAR', c.variable),
        count: 1,
        shape: chainShape('closure-chain', null, `${c.root}\u0000${c.variable}`),
      });
    }
    return out;
  }
}
