import type { Severity } from './types.ts';

/**
 * How bad steady growth per audit iteration is, by what grows. A leak per action compounds: +1 listener per route
 * visit is 1,000 listeners after a working day, so every steady growth is at least `low` (a `--fail-on low` gate
 * fails on it); the amount per iteration raises it.
 *
 * | grows                                   | low    | medium   | high     |
 * | --------------------------------------- | ------ | -------- | -------- |
 * | bytes (heap snapshots, incl. buffers)   | 16 KiB | 256 KiB  | 4 MiB    |
 * | DOM nodes (detached or in the document) | 1      | 10       | 100      |
 * | listeners, timers                       | 1      | 5        | 50       |
 * | collection entries                      | 1      | 100      | 10,000   |
 * | documents, frames (Chrome's counters)   | —      | —        | 1        |
 * | other Chrome counters                   | 1      | —        | —        |
 *
 * Below the `low` step (bytes under 16 KiB per iteration) it is `info`: reported, never a CI failure on its own.
 * (Branch `holders` adds `severityForGrowth` to rules/thresholds.ts; this table is the audit's until they meet.)
 */
export type GrowthMeasure =
  | 'bytes'
  | 'dom-nodes'
  | 'listeners'
  | 'timers'
  | 'collection'
  | 'documents'
  | 'counter';

const KiB = 1024;
const STEPS: Record<GrowthMeasure, readonly [low: number, medium: number, high: number]> = {
  bytes: [16 * KiB, 256 * KiB, 4096 * KiB],
  'dom-nodes': [1, 10, 100],
  listeners: [1, 5, 50],
  timers: [1, 5, 50],
  collection: [1, 100, 10_000],
  documents: [1, 1, 1],
  counter: [1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
};

export function severityForGrowth(measure: GrowthMeasure, perIteration: number): Severity {
  const [low, medium, high] = STEPS[measure];
  if (perIteration >= high) return 'high';
  if (perIteration >= medium) return 'medium';
  if (perIteration >= low) return 'low';
  return 'info';
}
