/**
 * The Leakscope report: one versioned, JSON-safe model filled by the panel's Scan, by `leakscope audit` and by
 * heap-snapshot analysis alike, and read back by `parseReport`. Plain data only (no classes, no Maps, no
 * prototypes that matter), so it survives JSON and structured clone. See docs/report-format.md.
 */

import type { Callsite } from '../callsite.ts';
import type { Hop } from '../chain.ts';

export type { Callsite, Hop };

import { clampPageText } from '../page-text.ts';
import type { Severity } from '../severity.ts';

export const REPORT_KIND = 'leakscope-report';
export const REPORT_VERSION = 1;

/** Bounds every report honours (builders and `parseReport` clamp to them), so a hostile page cannot bloat exports. */
export const REPORT_LIMITS = {
  /** Longest string kept anywhere in the model (exports cut further for display). */
  maxString: 2_000,
  maxSuspects: 500,
  maxChainHops: 60,
  maxCounters: 200,
  maxSeriesPoints: 5_000,
  maxIterations: 500,
  maxNamedValues: 500,
  maxHeapRows: 100,
  maxImages: 500,
  maxNotes: 50,
  /** Collections kept per audit iteration (the scan keeps the 200 largest). */
  maxIterationCollections: 200,
  /** Hops of an iteration collection's chain kept (the end nearest the collection). */
  maxCollectionHops: 16,
} as const;

export type ReportSource = 'scan' | 'audit' | 'heap';
export { SEVERITIES, type Severity } from '../severity.ts';

/** A name with a number: counters of one iteration, listener counts by type. Arrays, not records: no key tricks. */
export interface NamedValue {
  name: string;
  value: number;
}

/** One point of a counter's time series: `t` in ms since the report's first sample. */
export interface SeriesPoint {
  t: number;
  v: number;
}

export interface Counter {
  name: string;
  value: number;
  series: SeriesPoint[] | null;
}

export interface ReportSuspect {
  kind: string;
  severity: Severity;
  title: string;
  count: number;
  nodes: number | null;
  bytes: number | null;
  detail: string | null;
  chain: Hop[] | null;
  callsite: Callsite | null;
  fix: string;
  /** Stable key of identical suspects (links audit iterations to suspects). */
  shape: string;
  /**
   * Audits only (absent elsewhere and in older reports): this suspect grew steadily over the iterations — the median
   * step and the measured values, baseline first (bytes for memory growth).
   */
  growth?: SuspectGrowth;
}

export interface SuspectGrowth {
  perIteration: number;
  values: number[];
}

export interface HeapTreeRow {
  root: string;
  nodeCount: number;
  retainedSize: number;
  chain: Hop[];
}

export interface HeapDiffGroup {
  className: string;
  count: number;
  retainedSize: number;
  shape: string;
  chain: Hop[];
}

/** What a heap-snapshot analysis adds: the summary, detached trees and (with 2–3 snapshots) what leaked. */
export interface HeapSection {
  nodeCount: number;
  totalSize: number;
  reachableSize: number;
  detachedDomNodes: number;
  detachedTrees: HeapTreeRow[];
  diff: {
    snapshots: number;
    newInTarget: number;
    survivingInFinal: number;
    groups: HeapDiffGroup[];
  } | null;
}

/** A suspect as seen in one audit iteration. */
export interface IterationSuspect {
  shape: string;
  title: string;
  severity: Severity;
  count: number;
}

/** A Map/Set/Array/plain object the iteration's scan measured, keyed by its path from a root. */
export interface IterationCollection {
  /** e.g. `window 'hashchange' listener → onRoute() → (closure) routes[1].hooks.after[0] → … → (closure) cache`. */
  path: string;
  kind: 'Map' | 'Set' | 'Array' | 'Object';
  size: number;
  chain: Hop[];
}

export interface AuditIteration {
  /** 0 = baseline (after setup), then 1…N after each action/back. */
  index: number;
  counters: NamedValue[];
  listenersByType: NamedValue[];
  timers: number;
  detachedTrees: number;
  jsHeapUsed: number;
  suspects: IterationSuspect[];
  /** Collection sizes (absent in reports written before it existed): steady growth of one is a suspect. */
  collections?: IterationCollection[];
}

export type GrowthKind = 'suspect' | 'detached' | 'listeners' | 'timers' | 'counter' | 'heap';

/** One measure over the iterations, with how it grew. */
export interface GrowthRow {
  kind: GrowthKind;
  /** Unique key: `suspect:<shape>`, `listeners:resize`, `counter:Nodes`, `detachedTrees`… */
  key: string;
  label: string;
  values: number[];
  /** Median increase per iteration. */
  perIteration: number;
  /** For suspects: their severity (ranks steady suspects); null for other measures. */
  severity: Severity | null;
  /** Grew by at least 1 every iteration, with low spread: the signature of a leak per action. */
  steady: boolean;
}

export interface AuditSection {
  scenario: string;
  iterations: AuditIteration[];
  /** Ranked: steady growth first (see analyzeGrowth). */
  growth: GrowthRow[];
  /** Where the time went: `browser start`, `iterations`, `snapshots`, `analysis`… */
  timings: NamedValue[];
}

/** Images whose decoded size is far larger than displayed (filled by a later issue; may be empty). */
export interface ImageRow {
  url: string;
  naturalWidth: number;
  naturalHeight: number;
  displayWidth: number;
  displayHeight: number;
  bytes: number;
}

export interface Report {
  kind: typeof REPORT_KIND;
  version: typeof REPORT_VERSION;
  source: ReportSource;
  page: { url: string; title: string };
  /** e.g. `Chrome/156.0.7400.0`; '' when unknown (a snapshot file does not say). */
  browser: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  tool: { name: 'leakscope'; version: string };
  counters: Counter[];
  suspects: ReportSuspect[];
  heap: HeapSection | null;
  audit: AuditSection | null;
  images: ImageRow[];
  notes: string[];
}

/** What every builder needs besides its data. */
export interface ReportMeta {
  url: string;
  title: string;
  browser: string;
  createdAt: Date | string;
  toolVersion: string;
}

/** A report string: page text clamped to the report's limit (src/page-text.ts). */
export function clampString(text: string, max: number = REPORT_LIMITS.maxString): string {
  return clampPageText(text, max);
}

/** A finite number or 0: NaN and Infinity do not survive JSON. */
export function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}
