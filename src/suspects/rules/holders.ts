import type { DetachedTree, Holder, Hop, RootKind } from '../../live/types.ts';
import type { ScanResult } from '../types.ts';

/** How a chain's first hop names its holder: `window.lastDialog`, `script const card`, `setInterval #3 callback`. */
export function holderText(chainStart: { holder: string; edge: string; edgeKind?: string }): string {
  if (chainStart.holder === 'window') return `window.${chainStart.edge}`;
  if (chainStart.edgeKind === 'expando') return `${chainStart.holder}.${chainStart.edge}`;
  if (chainStart.holder === 'script') return `script ${chainStart.edge}`;
  return `${chainStart.holder} ${chainStart.edge}`;
}

/** Registered callbacks: the holders to fix first (teardown did not run), ahead of a variable that also points there. */
export const CALLBACK_KINDS: ReadonlySet<RootKind> = new Set(['timer', 'listener', 'observer']);

/**
 * The second holders of kind `kind` of every explained tree: a timer behind a `const`, a listener behind a global.
 * (The first holder is the tree's own chain, reported by the rule of its root kind.)
 */
export function* secondHolders(
  scan: ScanResult,
  kind: RootKind,
): Generator<{ tree: DetachedTree; holder: Holder }> {
  for (const tree of scan.detached) {
    if (tree.status !== 'found' || !tree.chain) continue;
    for (const holder of tree.holders ?? []) if (holder.rootKind === kind) yield { tree, holder };
  }
}

/** " (also held by script const card)": the other holders of a tree, for a suspect's evidence. */
export function alsoHeldBy(tree: DetachedTree, except: Holder | null): string {
  const all = [
    ...(tree.chain && tree.chain.length > 0 ? [tree.chain[0]] : []),
    ...(tree.holders ?? []).map((h) => h.chain[0]),
  ].filter((h) => h && (!except || h !== except.chain[0]));
  const names = [...new Set(all.map(holderText))];
  return names.length === 0
    ? ''
    : `also held by ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
}

/** Who owns a callback: the class of its `this` (`Ticker`) when the chain goes through it, else the function. */
export function ownerOf(chain: readonly Hop[]): string {
  const self = chain.find((h) => h.edgeKind === 'closure-variable' && h.edge === 'this');
  return self ? self.object : (chain[0]?.object ?? '?');
}
