/**
 * A heap analysis's findings as suspects, each with a severity (src/suspects/rules/thresholds.ts:
 * severityForDiffGroup, severityForDetachedTree), so `analyze --fail-on` gates on them with audit's gate(). With a
 * diff (baseline/target[/final]) only what grew counts: the groups of objects created in the target and still alive
 * at the end; a detached tree that was already in the baseline is not a finding of the diff. With one snapshot, the
 * detached DOM trees are the findings (large objects and closures are facts, not leaks by themselves).
 */
import { formatBytes, formatCount } from '../format.ts';
import type { AnalysisResult } from '../heap/result.ts';
import { chainShape } from '../suspects/format.ts';
import { severityForDetachedTree, severityForDiffGroup } from '../suspects/rules/thresholds.ts';
import { hopsFromHeap } from './hops.ts';
import { clampString, type ReportSuspect, SEVERITIES } from './model.ts';

const FIX_DIFF =
  'Objects created between the baseline and the target are still alive at the end: follow the path and drop the reference when what they belong to goes away.';
const FIX_DETACHED =
  'Find what still references the removed nodes (the chain) and drop it when the view is torn down.';

export function heapSuspects(a: AnalysisResult): ReportSuspect[] {
  const out: ReportSuspect[] = [];
  if (a.diff) {
    for (const g of a.diff.groups) {
      const chain = g.sampleChain.length > 0 ? hopsFromHeap(g.sampleChain) : null;
      out.push({
        kind: 'heap-diff',
        severity: severityForDiffGroup(g),
        title: clampString(
          `${g.className} ×${formatCount(g.count)} created in the target, still alive at the end`,
        ),
        count: g.count,
        nodes: g.className.startsWith('Detached ') ? g.count : null,
        bytes: g.retainedSize,
        detail: clampString(`retained ${formatBytes(g.retainedSize)}; path: ${g.shape}`),
        chain,
        callsite: null,
        fix: FIX_DIFF,
        shape: clampString(chainShape('heap-diff', chain, g.className)),
      });
    }
  } else {
    for (const t of a.detachedTrees) {
      const chain = t.chain.length > 0 ? hopsFromHeap(t.chain) : null;
      out.push({
        kind: 'detached-tree',
        severity: severityForDetachedTree(t),
        title: clampString(`Detached DOM tree ${t.root.className}: ${formatCount(t.nodeCount)} nodes`),
        count: 1,
        nodes: t.nodeCount,
        bytes: t.retainedSize,
        detail: clampString(`retained ${formatBytes(t.retainedSize)}`),
        chain,
        callsite: null,
        fix: FIX_DETACHED,
        shape: clampString(chainShape('detached-tree', chain, t.root.className)),
      });
    }
  }
  return out.sort((x, y) => SEVERITIES.indexOf(y.severity) - SEVERITIES.indexOf(x.severity));
}
