import type { ListenerInfo } from '../../live/types.ts';
import { chainShape, plural } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { alsoHeldBy, secondHolders } from './holders.ts';
import { standingOf } from './standing-trees.ts';
import { severityForNodes } from './thresholds.ts';
import { FIX_UNEXPLAINED, UNEXPLAINED } from './unexplained.ts';

const FIX_CLOSURE =
  'Remove the listener when the view goes away: removeEventListener with the same function, or pass an AbortController signal to addEventListener and abort it on teardown.';
const FIX_DETACHED =
  'Remove these listeners (or abort their AbortSignal) before removing the element; they also show that teardown code did not run.';

/** Listeners whose closure keeps detached DOM alive, and listeners still registered on removed nodes. */
export class ListenerRule implements LeakRule {
  readonly kind = 'listener' as const;

  apply(scan: ScanResult, claimed: Claims, history: readonly ScanResult[] = []): Suspect[] {
    const out: Suspect[] = [];
    for (const tree of scan.detached) {
      if (
        tree.status !== 'found' ||
        tree.rootKind !== 'listener' ||
        !tree.chain ||
        claimed.detachedTrees.has(tree.index)
      )
        continue;
      claimed.detachedTrees.add(tree.index);
      const first = tree.chain[0];
      const bySize = severityForNodes(tree.nodeCount) === 'low' ? 'medium' : severityForNodes(tree.nodeCount);
      // A cached <template> or a node detached once and the same ever since: reported, ranked below growth.
      const standing = standingOf(tree, scan, history, bySize);
      out.push({
        kind: 'listener',
        severity: standing?.severity ?? bySize,
        title: `A ${first.edge} on ${first.holder} keeps a ${standing ? 'detached' : 'removed'} ${tree.root} (${plural(tree.nodeCount, 'node')}) alive`,
        evidence: {
          nodes: tree.nodeCount,
          detail: `${first.edge} on ${first.holder}, handler ${first.object}${standing ? `; ${standing.note}` : ''}`,
        },
        chain: tree.chain,
        callsite: tree.callsite,
        fix: FIX_CLOSURE,
        count: 1,
        shape: chainShape('listener', tree.chain),
      });
    }
    // A listener whose closure keeps a tree that a global also reaches: still a listener to remove.
    for (const { tree, holder } of secondHolders(scan, 'listener')) {
      const first = holder.chain[0];
      const also = alsoHeldBy(tree, holder);
      const bySize = severityForNodes(tree.nodeCount) === 'low' ? 'medium' : severityForNodes(tree.nodeCount);
      // The same tree as its first holder's: a library's cached node stays a cache whoever else reaches it.
      const standing = standingOf(tree, scan, history, bySize);
      out.push({
        kind: 'listener',
        severity: standing?.severity ?? bySize,
        title: `A ${first.edge} on ${first.holder} keeps a ${standing ? 'detached' : 'removed'} ${tree.root} (${plural(tree.nodeCount, 'node')}) alive`,
        evidence: {
          nodes: tree.nodeCount,
          detail: [`${first.edge} on ${first.holder}, handler ${first.object}`, standing?.note, also]
            .filter(Boolean)
            .join('; '),
        },
        chain: holder.chain,
        callsite: holder.callsite,
        fix: FIX_CLOSURE,
        count: 1,
        shape: chainShape('listener', holder.chain),
      });
    }
    // Listeners on nodes that left the document, one suspect per detached tree.
    const byTree = new Map<number, ListenerInfo[]>();
    for (const l of scan.listeners) {
      if (l.attached || l.detachedTree === null) continue;
      byTree.set(l.detachedTree, [...(byTree.get(l.detachedTree) ?? []), l]);
    }
    for (const [index, ls] of byTree) {
      const tree = scan.detached[index];
      const types = [...new Set(ls.map((l) => `'${l.type}'`))].join(', ');
      // A listener dies with its node; with no chain from the page's JavaScript to the node, nothing says the page
      // keeps it (DevTools' DOM agent does, on apps used with the mouse): info that says so, not a leak.
      const unexplained = tree?.status === 'unreachable';
      const detail = ls.map((l) => `${l.type} on ${l.target} → ${l.handler}`).join('; ');
      out.push({
        kind: 'listener',
        severity: unexplained ? 'info' : 'low',
        title: `${plural(ls.length, 'listener')} (${types}) still registered on a removed ${tree?.root ?? 'node'}`,
        evidence: {
          nodes: tree?.nodeCount,
          detail: unexplained ? `${detail}. ${UNEXPLAINED}` : detail,
        },
        chain: tree?.chain ?? null,
        callsite: ls[0].callsite,
        fix: unexplained ? `${FIX_DETACHED} ${FIX_UNEXPLAINED}` : FIX_DETACHED,
        count: 1,
        shape: chainShape(
          'listener-detached',
          tree?.chain ?? null,
          `${types}|${tree?.root.replace(/ id="[^"]*"/, '')}`,
        ),
      });
    }
    return out;
  }
}
