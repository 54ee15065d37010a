import { chainShape, plural } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { alsoHeldBy, holderText, secondHolders } from './holders.ts';
import { standingOf } from './standing-trees.ts';
import { severityForNodes } from './thresholds.ts';
import { FIX_UNEXPLAINED, UNEXPLAINED } from './unexplained.ts';

const FIX =
  'Drop the reference when the element is removed (delete the Map/array entry, set the field to null), or hold elements in a WeakMap/WeakRef keyed by something that dies with them.';

const FIX_OBSERVER =
  'disconnect() the observer when its widget is torn down (or the observed element is removed), and do not keep removed nodes in variables its callback closes over.';
const FIX_EXPANDO =
  'delete the property (or set it to null) when the nodes are removed, and don’t keep removed nodes on live elements — use a WeakMap keyed by the element instead of an expando cache.';

const FIX_WINDOW =
  'Do not keep an iframe’s contentWindow (or anything from its realm) after removing the frame: drop the reference when the frame is removed, or keep only the data you need, copied out of the frame.';

/** The fix for a chain, by what holds it at the root. */
function fixFor(rootKind: string | null): string {
  if (rootKind === 'observer') return FIX_OBSERVER;
  if (rootKind === 'expando') return FIX_EXPANDO;
  return FIX;
}

/** Detached DOM trees still referenced from JavaScript that no more specific rule explained. */
export class DetachedDomRule implements LeakRule {
  readonly kind = 'detached-dom' as const;

  apply(scan: ScanResult, claimed: Claims, history: readonly ScanResult[] = []): Suspect[] {
    const out: Suspect[] = [];
    for (const tree of scan.detached) {
      if (claimed.detachedTrees.has(tree.index)) continue;
      claimed.detachedTrees.add(tree.index);
      const nodes = plural(tree.nodeCount, 'node');
      if (tree.chain && tree.chain.length > 0) {
        // A lone cached node, a <template>, a tree that stays the same scan after scan: reported, below growth.
        const standing = standingOf(tree, scan, history, severityForNodes(tree.nodeCount));
        const also = alsoHeldBy(tree, null).replace(/^also held by [^,]*(, )?/, '');
        const detail = [standing?.note, also && `also held by ${also}`].filter(Boolean).join('; ');
        out.push({
          kind: 'detached-dom',
          severity: standing?.severity ?? severityForNodes(tree.nodeCount),
          title: `${standing ? 'Detached' : 'Removed'} ${tree.root} (${nodes}) is still referenced from ${holderText(tree.chain[0])}`,
          evidence: detail ? { nodes: tree.nodeCount, detail } : { nodes: tree.nodeCount },
          chain: tree.chain,
          callsite: tree.callsite,
          fix: fixFor(tree.rootKind),
          count: 1,
          shape: chainShape('detached-dom', tree.chain),
        });
      } else {
        const budget = tree.status === 'budget';
        // Without a chain we are less sure (and cannot say who to blame): one notch lower than a proven chain.
        // After a complete search Leakscope cannot tell who holds it, so it does not call it the page's leak.
        const sev = severityForNodes(tree.nodeCount);
        out.push({
          kind: 'detached-dom',
          severity: !budget || tree.nodeCount < 10 ? 'info' : sev === 'high' ? 'medium' : 'low',
          title: budget
            ? `Removed ${tree.root} (${nodes}) is kept alive; the search ran out of budget before finding what holds it`
            : `Detached ${tree.root} (${nodes}) is alive, but no chain from the page’s JavaScript that Leakscope can search leads to it`,
          evidence: budget ? { nodes: tree.nodeCount } : { nodes: tree.nodeCount, detail: UNEXPLAINED },
          chain: null,
          callsite: null,
          fix: budget ? FIX : FIX_UNEXPLAINED,
          count: 1,
          shape: chainShape(
            'detached-dom',
            null,
            `${tree.status}|${tree.root.replace(/ id="[^"]*"/, '')}|${tree.nodeCount}`,
          ),
        });
      }
    }
    // Holders the browser keeps that a shorter path also reaches: an observer's callback, an element's expando.
    for (const kind of ['observer', 'expando'] as const) {
      for (const { tree, holder } of secondHolders(scan, kind)) {
        const also = alsoHeldBy(tree, holder);
        // The same tree as its first holder's: a template cache stays a cache whoever else reaches it.
        const standing = standingOf(tree, scan, history, severityForNodes(tree.nodeCount));
        const detail = [standing?.note, also].filter(Boolean).join('; ');
        out.push({
          kind: 'detached-dom',
          severity: standing?.severity ?? severityForNodes(tree.nodeCount),
          title: `${standing ? 'Detached' : 'Removed'} ${tree.root} (${plural(tree.nodeCount, 'node')}) is still referenced from ${holderText(holder.chain[0])}`,
          evidence: detail ? { nodes: tree.nodeCount, detail } : { nodes: tree.nodeCount },
          chain: holder.chain,
          callsite: holder.callsite,
          fix: fixFor(kind),
          count: 1,
          shape: chainShape('detached-dom', holder.chain),
        });
      }
    }
    // A removed iframe's window the page keeps (`previews.push(frame.contentWindow); frame.remove()`): the whole
    // document, its DOM and the frame's globals stay alive with it. Never a library cache: at least medium.
    for (const w of scan.keptWindows ?? []) {
      if (w.chain.length === 0) continue;
      out.push({
        kind: 'detached-dom',
        severity: 'medium',
        title: `A removed frame's window is kept alive by ${holderText(w.chain[0])}, and with it the frame's whole document`,
        evidence: {
          detail: 'the window of a removed <iframe>: its document, DOM and globals stay in memory',
        },
        chain: w.chain,
        callsite: w.callsite,
        fix: FIX_WINDOW,
        count: 1,
        shape: chainShape('detached-dom', w.chain, 'window'),
      });
    }
    return out;
  }
}
