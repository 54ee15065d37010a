import { chainShape, plural } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { severityForNodes } from './thresholds.ts';

const FIX =
  'Drop the reference when the element is removed (delete the Map/array entry, set the field to null), or hold elements in a WeakMap/WeakRef keyed by something that dies with them.';

const FIX_OBSERVER =
  'disconnect() the observer when its widget is torn down (or the observed element is removed), and do not keep removed nodes in variables its callback closes over.';
const FIX_EXPANDO =
  'delete the property (or set it to null) when the nodes are removed, and don’t keep removed nodes on live elements — use a WeakMap keyed by the element instead of an expando cache.';

/** The fix for a chain, by what holds it at the root. */
function fixFor(rootKind: string | null): string {
  if (rootKind === 'observer') return FIX_OBSERVER;
  if (rootKind === 'expando') return FIX_EXPANDO;
  return FIX;
}

function holderText(chainStart: { holder: string; edge: string; edgeKind?: string }): string {
  if (chainStart.holder === 'window') return `window.${chainStart.edge}`;
  if (chainStart.edgeKind === 'expando') return `${chainStart.holder}.${chainStart.edge}`;
  if (chainStart.holder === 'script') return `script ${chainStart.edge}`;
  return `${chainStart.holder} ${chainStart.edge}`;
}

/** Detached DOM trees still referenced from JavaScript that no more specific rule explained. */
export class DetachedDomRule implements LeakRule {
  readonly kind = 'detached-dom' as const;

  apply(scan: ScanResult, claimed: Claims): Suspect[] {
    const out: Suspect[] = [];
    for (const tree of scan.detached) {
      if (claimed.detachedTrees.has(tree.index)) continue;
      claimed.detachedTrees.add(tree.index);
      const nodes = plural(tree.nodeCount, 'node');
      if (tree.chain && tree.chain.length > 0) {
        // A lone node kept directly in a variable is often deliberate (a measuring <span>, a cached template).
        const deliberate = tree.nodeCount <= 2 && tree.chain.length === 1;
        out.push({
          kind: 'detached-dom',
          severity: deliberate ? 'info' : severityForNodes(tree.nodeCount),
          title: `Removed ${tree.root} (${nodes}) is still referenced from ${holderText(tree.chain[0])}`,
          evidence: { nodes: tree.nodeCount },
          chain: tree.chain,
          callsite: tree.callsite,
          fix: fixFor(tree.rootKind),
          count: 1,
          shape: chainShape('detached-dom', tree.chain),
        });
      } else {
        const why =
          tree.status === 'budget'
            ? 'the search ran out of budget before finding what holds it'
            : 'no chain from the page’s globals, listeners or timers was found (it may be held by something the live search cannot see, e.g. an arrow function’s `this` or a promise)';
        // Without a chain we are less sure (and cannot say who to blame): one notch lower than a proven chain.
        const sev = severityForNodes(tree.nodeCount);
        out.push({
          kind: 'detached-dom',
          severity: tree.nodeCount < 10 ? 'info' : sev === 'high' ? 'medium' : 'low',
          title: `Removed ${tree.root} (${nodes}) is kept alive; ${why}`,
          evidence: { nodes: tree.nodeCount },
          chain: null,
          callsite: null,
          fix: FIX,
          count: 1,
          shape: chainShape(
            'detached-dom',
            null,
            `${tree.status}|${tree.root.replace(/ id="[^"]*"/, '')}|${tree.nodeCount}`,
          ),
        });
      }
    }
    return out;
  }
}
