/**
 * When growth over an audit is steady enough to be a suspect (and gate CI), not noise:
 * - at least 3 iterations after the baseline (one or two steps cannot tell a leak from a warm-up);
 * - every iteration grew by at least `minStep` (1 object, or a byte threshold), except at most one in five
 *   (a GC that ran late moves one step to the next); and
 * - what was gained stayed: last − baseline ≥ (iterations − misses) × minStep.
 * The step reported is the median increase.
 */
export const MIN_ITERATIONS = 3;

export interface Steady {
  /** Median increase per iteration. */
  perIteration: number;
  iterations: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function steadyGrowth(values: readonly number[], minStep = 1): Steady | null {
  const n = values.length - 1;
  if (n < MIN_ITERATIONS) return null;
  const deltas = values.slice(1).map((v, i) => v - values[i]);
  const misses = deltas.filter((d) => d < minStep).length;
  if (misses > Math.floor(n / 5)) return null;
  if (values[n] - values[0] < (n - misses) * minStep) return null;
  return { perIteration: median(deltas), iterations: n };
}
