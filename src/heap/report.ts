import type { AnalyzedHeap } from './analyze.ts';
import { DETACHED } from './passes/detachedness.ts';
import { UNREACHABLE } from './passes/distances.ts';
import { aggregateByClass } from './queries/aggregate.ts';
import { retainerChain } from './queries/chain.ts';
import { findClosures, functionLocation, functionName } from './queries/closures.ts';
import { findDetachedTrees } from './queries/detached.ts';
import type { DiffNodes } from './queries/diff.ts';
import { largestObjects } from './queries/largest.ts';
import { nodeRef } from './queries/node-ref.ts';
import {
  type AnalysisResult,
  DEFAULT_LIMITS,
  type DiffResult,
  type ResultLimits,
  type SnapshotSummary,
} from './result.ts';

export interface ReportOptions {
  limits?: Partial<ResultLimits>;
  /** Bytes of snapshot text read (for the summary). */
  bytes?: number | null;
  /** Diff of this (final) heap against earlier snapshots, from diffSnapshots. */
  diff?: { nodes: DiffNodes; snapshots: 2 | 3; totalSizes?: number[] } | null;
}

export function summarize(heap: AnalyzedHeap, bytes: number | null): SnapshotSummary {
  const g = heap.graph;
  let totalSize = 0;
  let reachableSize = 0;
  let unreachableCount = 0;
  let detachedDomNodes = 0;
  const detachedClass = heap.classes.names.map((n) => n.startsWith('Detached '));
  for (let o = 0; o < g.nodeCount; o++) {
    const size = g.nodeSelfSize[o];
    totalSize += size;
    if (heap.distances.distance[o] === UNREACHABLE) unreachableCount++;
    else reachableSize += size;
    if (heap.detachedness[o] === DETACHED && detachedClass[heap.classes.classId[o]]) detachedDomNodes++;
  }
  return {
    nodeCount: g.nodeCount,
    edgeCount: g.edgeCount,
    totalSize,
    reachableSize,
    unreachableCount,
    userRootCount: heap.distances.userRoots.length,
    nodeFields: [...g.layout.nodeFields],
    hasDetachedness: g.layout.detachednessOffset >= 0,
    detachedDomNodes,
    bytes,
  };
}

/** Runs every query and packs the compact, structured-clonable result. */
export function buildAnalysisResult(heap: AnalyzedHeap, opts: ReportOptions = {}): AnalysisResult {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const steps = limits.chainSteps;
  const trees = findDetachedTrees(heap).slice(0, limits.detachedTrees);
  const className = (o: number) => heap.classes.names[heap.classes.classId[o]];
  return {
    version: 1,
    summary: summarize(heap, opts.bytes ?? null),
    classes: aggregateByClass(heap).slice(0, limits.classes),
    detachedTrees: trees.map((t) => {
      const counts = new Map<string, number>();
      for (const o of t.members) counts.set(className(o), (counts.get(className(o)) ?? 0) + 1);
      return {
        root: nodeRef(heap, t.root),
        nodeCount: t.members.length,
        retainedSize: t.retainedSize,
        classes: [...counts].map(([c, count]) => ({ className: c, count })).sort((a, b) => b.count - a.count),
        entry: nodeRef(heap, t.entry),
        chain: retainerChain(heap, t.entry, steps),
      };
    }),
    largest: largestObjects(heap, limits.largest).map((o) => ({
      node: nodeRef(heap, o),
      chain: retainerChain(heap, o, steps),
    })),
    closures: findClosures(heap, limits.closures).map((c) => ({
      node: nodeRef(heap, c.closure),
      functionName: functionName(heap, c.closure),
      location: functionLocation(heap, c.closure),
      sharedBy: c.sharedBy,
      capturedSize: c.capturedSize,
      captured: c.captured.map(([name, o]) => ({ name, node: nodeRef(heap, o) })),
      chain: retainerChain(heap, c.closure, steps),
    })),
    diff: opts.diff
      ? diffResult(heap, opts.diff.nodes, opts.diff.snapshots, limits, opts.diff.totalSizes ?? [])
      : null,
  };
}

function diffResult(
  heap: AnalyzedHeap,
  d: DiffNodes,
  snapshots: 2 | 3,
  limits: ResultLimits,
  totalSizes: number[],
): DiffResult {
  const groups = d.groups.map((grp) => {
    let selfSize = 0;
    let retainedSize = 0;
    for (const o of grp.members) {
      selfSize += nodeRef(heap, o).selfSize;
      retainedSize += heap.retained[o];
    }
    return { grp, selfSize, retainedSize };
  });
  groups.sort((a, b) => b.grp.members.length - a.grp.members.length || b.retainedSize - a.retainedSize);
  return {
    snapshots,
    newInTarget: d.newInTarget,
    survivingInFinal: d.survivingInFinal,
    suspects: d.suspects,
    totalSizes,
    groups: groups.slice(0, limits.diffGroups).map(({ grp, selfSize, retainedSize }) => ({
      className: grp.className,
      count: grp.members.length,
      selfSize,
      retainedSize,
      shape: grp.shape,
      sampleIds: grp.members.slice(0, 10).map((o) => nodeRef(heap, o).id),
      sampleChain: retainerChain(heap, grp.members[0], limits.chainSteps),
    })),
  };
}
