import { SEVERITY_ORDER, type Severity } from '../types.ts';

/**
 * One place for the numbers the rules judge by (the table is in docs/live-scan.md § Severity). What matters is
 * how much a holder keeps — bytes and DOM nodes — or, over an audit, how much it adds per iteration.
 */
export const MB = 1 << 20;
export const KB = 1 << 10;

/** Retained-size steps: the least bytes / detached nodes for each severity (checked high first). */
export const RETAINED_STEPS: ReadonlyArray<{ severity: Severity; bytes: number; nodes: number }> = [
  { severity: 'high', bytes: 32 * MB, nodes: 100 },
  { severity: 'medium', bytes: 8 * MB, nodes: 10 },
  { severity: 'low', bytes: 4 * MB, nodes: 1 },
  { severity: 'info', bytes: 1 * MB, nodes: 0 },
];

/**
 * Per-iteration growth steps (audit): what one repetition of the user's action adds and never gives back. Every
 * steady growth is at least `low`, so a `--fail-on low` gate fails on one leak per action; noise is kept out before
 * this (src/report/steady.ts: bytes must grow 16 KiB a step).
 */
export const GROWTH_STEPS: ReadonlyArray<{
  severity: Severity;
  bytes: number;
  nodes: number;
  count: number;
}> = [
  { severity: 'high', bytes: 1 * MB, nodes: 100, count: 100 },
  { severity: 'medium', bytes: 64 * KB, nodes: 10, count: 10 },
  { severity: 'low', bytes: 1, nodes: 1, count: 1 },
];

export function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY_ORDER[a] >= SEVERITY_ORDER[b] ? a : b;
}

/** A detached tree's severity by size: one stray node is cheap, a removed table or dialog is not. */
export function severityForNodes(nodes: number): Severity {
  const s = severityForRetained({ nodes });
  return s === null || s === 'info' ? 'low' : s;
}

/** Data a holder keeps, by bytes alone: below 1 MiB it is not worth a suspect. */
export function severityForBytes(bytes: number): Severity | null {
  return severityForRetained({ bytes });
}

/** What one holder keeps (bytes estimate and detached DOM nodes): the more severe of the two steps. */
export function severityForRetained(kept: { bytes?: number; nodes?: number }): Severity | null {
  let out: Severity | null = null;
  for (const step of RETAINED_STEPS) {
    if ((kept.bytes ?? 0) >= step.bytes && step.bytes > 0) out = maxSeverity(out, step.severity);
    if ((kept.nodes ?? 0) >= step.nodes && step.nodes > 0) out = maxSeverity(out, step.severity);
  }
  return out;
}

/**
 * Steady growth per iteration of an audit (bytes, DOM nodes, or a count such as listeners or timers), the more
 * severe of the three; null when nothing grows.
 */
export function severityForGrowth(g: {
  bytesPerIteration?: number;
  nodesPerIteration?: number;
  countPerIteration?: number;
}): Severity | null {
  let out: Severity | null = null;
  for (const step of GROWTH_STEPS) {
    if ((g.bytesPerIteration ?? 0) >= step.bytes) out = maxSeverity(out, step.severity);
    if ((g.nodesPerIteration ?? 0) >= step.nodes) out = maxSeverity(out, step.severity);
    if ((g.countPerIteration ?? 0) >= step.count) out = maxSeverity(out, step.severity);
  }
  return out;
}

export function raise(s: Severity): Severity {
  return s === 'info' ? 'low' : s === 'low' ? 'medium' : 'high';
}

/** Pixels decoded but never shown (oversized, detached or hidden images): a few MB per image adds up fast. */
export function severityForWaste(bytes: number): Severity | null {
  if (bytes >= 32 * MB) return 'high';
  if (bytes >= 8 * MB) return 'medium';
  if (bytes >= 1 * MB) return 'low';
  return null;
}

/**
 * A heap-snapshot finding's severity (`leakscope analyze`, the panel's heap import), by the same steps:
 * - a diff group (objects new in the target, still alive at the end: what one repetition of the action kept) is
 *   graded as one iteration's growth — GROWTH_STEPS over its object count and retained bytes (and DOM nodes for
 *   `Detached <…>` groups): any group is at least `low`, ≥ 10 objects or 64 KiB `medium`, ≥ 100 or 1 MiB `high`;
 * - a detached DOM tree of one snapshot is graded like the live scan's (RETAINED_STEPS over its nodes and bytes):
 *   at least `low`, ≥ 10 nodes or 8 MiB `medium`, ≥ 100 nodes or 32 MiB `high`.
 */
export function severityForDiffGroup(g: {
  count: number;
  retainedSize: number;
  className: string;
}): Severity {
  const dom = g.className.startsWith('Detached ') ? g.count : 0;
  return (
    severityForGrowth({
      bytesPerIteration: g.retainedSize,
      countPerIteration: g.count,
      nodesPerIteration: dom,
    }) ?? 'low'
  );
}

export function severityForDetachedTree(t: { nodeCount: number; retainedSize: number }): Severity {
  return maxSeverity(severityForNodes(t.nodeCount), severityForBytes(t.retainedSize)) ?? 'low';
}
