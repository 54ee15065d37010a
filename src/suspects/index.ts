/** Leak rules over a live scan: what looks like a leak, why, and how to fix it. */
import { showBidiControls } from '../bidi.ts';
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

/** Page strings in a suspect, bounded and with bidi controls shown as escapes (a page can name a global 1 MB long). */
function pageText(s: Suspect): Suspect {
  const t = (x: string) => {
    const shown = showBidiControls(x.length > MAX_TEXT ? x.slice(0, MAX_TEXT) : x);
    return shown.length > MAX_TEXT ? `${shown.slice(0, MAX_TEXT - 1)}…` : shown;
  };
  return {
    ...s,
    title: t(s.title),
    fix: t(s.fix),
    evidence: s.evidence.detail === undefined ? s.evidence : { ...s.evidence, detail: t(s.evidence.detail) },
    chain: s.chain?.map((h) => ({ ...h, holder: t(h.holder), edge: t(h.edge), object: t(h.object) })) ?? null,
    callsite: s.callsite?.url ? { ...s.callsite, url: t(s.callsite.url) } : s.callsite,
  };
}

/** Only what grew from `previous` to `current` (collections, closure chains). */
export function compareScans(previous: ScanResult, current: ScanResult): Suspect[] {
  return findSuspects(current, GROWTH_RULES, [previous]);
}

export { chainShape, edgeText, formatBytes, formatChain } from './format.ts';
export { groupSuspects, sortSuspects } from './group.ts';
export { GROWTH_RULES, RULES } from './rules/index.ts';
export * from './types.ts';
