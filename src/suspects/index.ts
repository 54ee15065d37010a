/** Leak rules over a live scan: what looks like a leak, why, and how to fix it. */
import { groupSuspects, sortSuspects } from './group.ts';
import { GROWTH_RULES, RULES } from './rules/index.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from './types.ts';

/** Suspects in `scan`; with `history` (earlier scans of the page, oldest first) the growth rules compare too. */
export function findSuspects(
  scan: ScanResult,
  rules: readonly LeakRule[] = RULES,
  history: readonly ScanResult[] = [],
): Suspect[] {
  const claimed: Claims = { detachedTrees: new Set(), globals: new Set() };
  const all = rules.flatMap((r) => r.apply(scan, claimed, history));
  return sortSuspects(groupSuspects(all));
}

/** Only what grew from `previous` to `current` (collections, closure chains). */
export function compareScans(previous: ScanResult, current: ScanResult): Suspect[] {
  return findSuspects(current, GROWTH_RULES, [previous]);
}

export { chainShape, edgeText, formatBytes, formatChain } from './format.ts';
export { groupSuspects, sortSuspects } from './group.ts';
export { GROWTH_RULES, RULES } from './rules/index.ts';
export * from './types.ts';
