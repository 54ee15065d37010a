/** Leak rules over a live scan: what looks like a leak, why, and how to fix it. */
import { clampPageText } from '../page-text.ts';
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
  return sortSuspects(groupSuspects(all)).map(pageText);
}

/** Longest page-derived text a suspect shows in one field (names, labels, URLs come from the page). */
const MAX_TEXT = 1000;

/** A page string as a suspect shows it: bounded, bidi controls as escapes (a page can name a global 1 MB long). */
export function suspectText(x: string, max = MAX_TEXT): string {
  return clampPageText(x, max);
}

/**
 * Shorter still for what shares a line with other page text: a hop's edge and object, the evidence detail next
 * to the title in a tooltip.
 */
const MAX_PART_TEXT = 300;

/** Every page string in a suspect through suspectText. */
function pageText(s: Suspect): Suspect {
  const t = suspectText;
  return {
    ...s,
    title: t(s.title),
    fix: t(s.fix),
    evidence:
      s.evidence.detail === undefined
        ? s.evidence
        : { ...s.evidence, detail: t(s.evidence.detail, MAX_PART_TEXT) },
    chain:
      s.chain?.map((h) => ({
        ...h,
        holder: t(h.holder, MAX_PART_TEXT),
        edge: t(h.edge, MAX_PART_TEXT),
        object: t(h.object, MAX_PART_TEXT),
      })) ?? null,
    callsite: s.callsite?.url ? { ...s.callsite, url: t(s.callsite.url) } : s.callsite,
  };
}

/** Only what grew from `previous` to `current` (collections, closure chains). */
export function compareScans(previous: ScanResult, current: ScanResult): Suspect[] {
  return findSuspects(current, GROWTH_RULES, [previous]);
}

export { chainText, edgeText } from '../chain.ts';
export { chainShape, formatBytes } from './format.ts';
export { groupSuspects, sortSuspects } from './group.ts';
export { GROWTH_RULES, RULES } from './rules/index.ts';
export * from './types.ts';
