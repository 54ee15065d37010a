/** Which measures grow by a steady amount per audit iteration: a leak per action looks like +k, +k, +k. */
import { type AuditIteration, type GrowthKind, type GrowthRow, SEVERITIES, type Severity } from './model.ts';

/** Spread allowed around the median increase (fraction of it) before growth counts as noise. */
const MAX_RELATIVE_SPREAD = 0.25;

/** Steady rows rank by what they say about a leak: a suspect names it, a raw counter only hints at it. */
const KIND_RANK: Record<GrowthKind, number> = {
  suspect: 0,
  detached: 1,
  listeners: 2,
  timers: 3,
  counter: 4,
  heap: 5,
};

interface Series {
  kind: GrowthKind;
  key: string;
  label: string;
  severity: Severity | null;
  values: number[];
}

/**
 * Chrome counters that only ever go up (work done, times) or are reported elsewhere: growth there says nothing about
 * a leak. `LayoutCount` rises on every layout; the JS heap is its own row.
 */
const NOT_A_LEAK_COUNTER =
  /(Count|Duration|Time|Timestamp)$|^(NavigationStart|DomContentLoaded|FirstMeaningfulPaint|JSHeapUsedSize|JSHeapTotalSize)$/;

const severityRank = (r: GrowthRow) => (r.severity === null ? -1 : SEVERITIES.indexOf(r.severity));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** All measures over the iterations; a name missing from an iteration counts as 0 there. */
function collectSeries(iterations: readonly AuditIteration[]): Series[] {
  const byKey = new Map<string, Series>();
  const put = (
    kind: GrowthKind,
    key: string,
    label: string,
    i: number,
    value: number,
    severity: Severity | null = null,
  ) => {
    let s = byKey.get(key);
    if (!s) {
      s = { kind, key, label, severity, values: new Array(iterations.length).fill(0) };
      byKey.set(key, s);
    }
    s.values[i] += value;
  };
  iterations.forEach((it, i) => {
    for (const s of it.suspects) put('suspect', `suspect:${s.shape}`, s.title, i, s.count, s.severity);
    put('detached', 'detachedTrees', 'Detached DOM trees', i, it.detachedTrees);
    for (const l of it.listenersByType)
      put('listeners', `listeners:${l.name}`, `'${l.name}' listeners`, i, l.value);
    put('timers', 'timers', 'Live timers', i, it.timers);
    for (const c of it.counters)
      if (!NOT_A_LEAK_COUNTER.test(c.name)) put('counter', `counter:${c.name}`, c.name, i, c.value);
    put('heap', 'jsHeapUsed', 'JS heap used (bytes)', i, it.jsHeapUsed);
  });
  return [...byKey.values()];
}

/** A row for one series: median step and whether every step is ≥ 1 and close to the median. */
export function growthOf(
  kind: GrowthKind,
  key: string,
  label: string,
  values: number[],
  severity: Severity | null = null,
): GrowthRow {
  const deltas = values.slice(1).map((v, i) => v - values[i]);
  const perIteration = deltas.length > 0 ? median(deltas) : 0;
  // One step says nothing about steadiness: at least two iterations are needed.
  const steady =
    deltas.length >= 2 &&
    deltas.every((d) => d >= 1 && Math.abs(d - perIteration) <= MAX_RELATIVE_SPREAD * perIteration);
  return { kind, key, label, values, perIteration, severity, steady };
}

/**
 * Ranks what grew over the iterations (index 0 is the baseline): steady growth first (by kind: suspects, detached
 * trees, listeners, timers, counters, heap; then the more severe suspect; then by larger step), then the rest that ended higher than it began.
 * Measures that did not grow are left out.
 */
export function analyzeGrowth(iterations: readonly AuditIteration[]): GrowthRow[] {
  if (iterations.length < 2) return [];
  const rows = collectSeries(iterations)
    .map((s) => growthOf(s.kind, s.key, s.label, s.values, s.severity))
    .filter((r) => r.values[r.values.length - 1] > r.values[0]);
  return rows.sort(
    (a, b) =>
      Number(b.steady) - Number(a.steady) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      severityRank(b) - severityRank(a) ||
      b.perIteration - a.perIteration ||
      a.key.localeCompare(b.key),
  );
}
