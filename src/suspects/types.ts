/** What the Suspects view renders: one possible leak, in plain words, with the chain that keeps it alive. */
import type { Callsite, EdgeKind, Hop, ScanResult } from '../live/types.ts';
import type { Severity } from '../severity.ts';

export { SEVERITY_ORDER, type Severity } from '../severity.ts';
export type { Callsite, EdgeKind, Hop, ScanResult };

export type SuspectKind =
  | 'detached-dom'
  | 'listener'
  | 'timer'
  | 'global'
  | 'image'
  | 'collection-growth'
  | 'closure-chain'
  | 'closure-growth';

export interface Evidence {
  /** DOM nodes kept (detached trees). */
  nodes?: number;
  /** Objects first reached through the holder (a lower bound). */
  objects?: number;
  /** Rough bytes estimate of what the holder reaches (a lower bound, not a retained size). */
  bytes?: number;
  /** Listener or timer details, e.g. `'resize' on window`, `setInterval 2000 ms`. */
  detail?: string;
}

export interface Suspect {
  kind: SuspectKind;
  severity: Severity;
  title: string;
  evidence: Evidence;
  /** Shortest chain from a page root, when known. */
  chain: Hop[] | null;
  callsite: Callsite | null;
  fix: string;
  /** Identical suspects (same kind and chain shape) merged into one. */
  count: number;
  /** A key for identical suspects; also usable as a stable React/Preact key. */
  shape: string;
}

/**
 * A rule looks at the scan, claims what it explains and returns suspects (rules run in order; see rules/index.ts).
 * `history`: earlier scans, oldest first (growth rules compare with those of the same document; others ignore it).
 */
export interface LeakRule {
  readonly kind: SuspectKind;
  apply(scan: ScanResult, claimed: Claims, history?: readonly ScanResult[]): Suspect[];
}

/** What earlier rules already explained, so a later, more general rule does not report it twice. */
export interface Claims {
  detachedTrees: Set<number>;
  globals: Set<string>;
}
