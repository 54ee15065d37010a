/** Leak rules over a live scan: what looks like a leak, why, and how to fix it. */
import { groupSuspects, sortSuspects } from './group.ts';
import { RULES } from './rules/index.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from './types.ts';

export function findSuspects(scan: ScanResult, rules: readonly LeakRule[] = RULES): Suspect[] {
  const claimed: Claims = { detachedTrees: new Set(), globals: new Set() };
  const all = rules.flatMap((r) => r.apply(scan, claimed));
  return sortSuspects(groupSuspects(all));
}

export { chainShape, edgeText, formatBytes, formatChain } from './format.ts';
export { groupSuspects, sortSuspects } from './group.ts';
export { RULES } from './rules/index.ts';
export * from './types.ts';
