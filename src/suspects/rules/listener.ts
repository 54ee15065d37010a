import type { Callsite, DetachedTree, Hop, ListenerInfo } from '../../live/types.ts';
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

/**
 * A listener whose closure reaches a detached tree through `chain` (the tree's first holder, or a second one with
 * `also` naming the first). At least medium: it also shows teardown did not run; a library's cached node or a node
 * detached once and the same ever since is reported, ranked below growth (see standing-trees.ts).
 */
function keepsTree(
  tree: DetachedTree,
  chain: Hop[],
  callsite: Callsite | null,
  scan: ScanResult,
  history: readonly ScanResult[],
  also: string | null,
): Suspect {
  const first = chain[0];
  const bySize = severityForNodes(tree.nodeCount) === 'low' ? 'medium' : severityForNodes(tree.nodeCount);
  const standing = standingOf(tree, scan, history, bySize);
  return {
    kind: 'listener',
    severity: standing?.severity ?? bySize,
    title: `A ${first.edge} on ${first.holder} keeps a ${standing ? 'detached' : 'removed'} ${tree.root} (${plural(tree.nodeCount, 'node')}) alive`,
    evidence: {
      nodes: tree.nodeCount,
      detail: [`${first.edge} on ${first.holder}, handler ${first.object}`, standing?.note, also]
        .filter(Boolean)
        .join('; '),
    },
    chain,
    callsite,
    fix: FIX_CLOSURE,
    count: 1,
    shape: chainShape('listener', chain),
  };
}

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
      out.push(keepsTree(tree, tree.chain, tree.callsite, scan, history, null));
    }
    // A listener whose closure keeps a tree that a global also reaches: still a listener to remove.
    for (const { tree, holder } of secondHolders(scan, 'listener'))
      out.push(keepsTree(tree, holder.chain, holder.callsite, scan, history, alsoHeldBy(tree, holder)));
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
