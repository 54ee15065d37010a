import { SEVERITY_ORDER, type Severity } from './types.ts';

/**
 * How bad steady growth per audit iteration is: what one repetition of the user's action adds and never gives back.
 * Every steady growth is at least `low` (so a `--fail-on low` gate fails on a leak per action); the amount raises it.
 *
 * | per iteration                           | low    | medium | high  |
 * | --------------------------------------- | ------ | ------ | ----- |
 * | bytes (heap snapshots, incl. buffers)   | > 0    | 64 KiB | 1 MiB |
 * | DOM nodes (detached or in the document) | 1      | 10     | 100   |
 * | a count (listeners, timers, entries…)   | 1      | 10     | 100   |
 *
 * Branch `holders` adds the same `severityForGrowth` (same signature and steps) to rules/thresholds.ts; until the two
 * meet, the audit uses this copy. Noise is kept out before this: see src/report/steady.ts (bytes need 16 KiB a step).
 */
const KB = 1 << 10;
const MB = 1 << 20;
const GROWTH_STEPS: ReadonlyArray<{ severity: Severity; bytes: number; nodes: number; count: number }> = [
  { severity: 'high', bytes: 1 * MB, nodes: 100, count: 100 },
  { severity: 'medium', bytes: 64 * KB, nodes: 10, count: 10 },
  { severity: 'low', bytes: 1, nodes: 1, count: 1 },
];

/** The more severe of the bytes, nodes and count steps; null when nothing grows. */
export function severityForGrowth(g: {
  bytesPerIteration?: number;
  nodesPerIteration?: number;
  countPerIteration?: number;
}): Severity | null {
  let out: Severity | null = null;
  const raise = (s: Severity) => {
    if (out === null || SEVERITY_ORDER[s] > SEVERITY_ORDER[out]) out = s;
  };
  for (const step of GROWTH_STEPS) {
    if ((g.bytesPerIteration ?? 0) >= step.bytes) raise(step.severity);
    if ((g.nodesPerIteration ?? 0) >= step.nodes) raise(step.severity);
    if ((g.countPerIteration ?? 0) >= step.count) raise(step.severity);
  }
  return out;
}
