import { chainShape, formatBytes, plural } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { alsoHeldBy, ownerOf, secondHolders } from './holders.ts';
import { maxSeverity, severityForBytes, severityForNodes, severityForRetained } from './thresholds.ts';

const FIX =
  'Clear the timer when its owner goes away (keep the id and call clearInterval / cancelAnimationFrame in the teardown), or let the callback stop itself once its element is no longer connected.';

/** Live intervals (and pending timers / animation frames) whose callback keeps detached DOM or large data. */
export class TimerRule implements LeakRule {
  readonly kind = 'timer' as const;

  apply(scan: ScanResult, claimed: Claims): Suspect[] {
    const out: Suspect[] = [];
    for (const tree of scan.detached) {
      if (
        tree.status !== 'found' ||
        tree.rootKind !== 'timer' ||
        !tree.chain ||
        claimed.detachedTrees.has(tree.index)
      )
        continue;
      claimed.detachedTrees.add(tree.index);
      const holder = tree.chain[0].holder;
      const repeating = /^(setInterval|requestAnimationFrame)/.test(holder);
      const base = severityForNodes(tree.nodeCount);
      out.push({
        kind: 'timer',
        severity: repeating ? (base === 'low' ? 'medium' : base) : base,
        title: `A live ${holder} callback keeps a removed ${tree.root} (${plural(tree.nodeCount, 'node')}) alive`,
        evidence: { nodes: tree.nodeCount, detail: holder },
        chain: tree.chain,
        callsite: tree.callsite,
        fix: FIX,
        count: 1,
        shape: chainShape('timer', tree.chain),
      });
    }
    // A timer that keeps a tree some shorter path (a `const`, a global) also reaches: the holder to fix first.
    for (const { tree, holder } of secondHolders(scan, 'timer')) {
      const name = holder.chain[0].holder;
      const repeating = /^(setInterval|requestAnimationFrame)/.test(name);
      const base = severityForNodes(tree.nodeCount);
      const bytes = holder.reach?.bytes ?? 0;
      const also = alsoHeldBy(tree, holder);
      out.push({
        kind: 'timer',
        severity:
          maxSeverity(repeating && base === 'low' ? 'medium' : base, severityForRetained({ bytes })) ?? base,
        title: `A live ${name} callback (${ownerOf(holder.chain)}) keeps a removed ${tree.root} (${plural(tree.nodeCount, 'node')}) alive${bytes >= 1 << 20 ? ` and reaches at least ${formatBytes(bytes)}` : ''}`,
        evidence: {
          nodes: tree.nodeCount,
          bytes: bytes || undefined,
          objects: holder.reach?.objects,
          detail: also ? `${name}; ${also}` : name,
        },
        chain: holder.chain,
        callsite: holder.callsite,
        fix: FIX,
        count: 1,
        shape: chainShape('timer', holder.chain),
      });
    }
    for (const t of scan.timers ?? []) {
      if (t.kind !== 'setInterval') continue;
      const sev = severityForBytes(t.reach.bytes);
      if (!sev) continue;
      out.push({
        kind: 'timer',
        severity: sev,
        title: `A live setInterval (${t.delay ?? '?'} ms) callback ${t.callback} reaches at least ${formatBytes(t.reach.bytes)}`,
        evidence: { objects: t.reach.objects, bytes: t.reach.bytes, detail: `setInterval #${t.id}` },
        chain: [{ holder: `setInterval #${t.id}`, edge: 'callback', edgeKind: 'timer', object: t.callback }],
        callsite: t.callsite,
        fix: FIX,
        count: 1,
        shape: chainShape('timer-data', null, t.callback),
      });
    }
    return out;
  }
}
