import type { GateResult } from '../src/report/index.ts';

/** One line on what decided the exit code (audit's and analyze's --fail-on). */
export function gateSummary(r: GateResult, failOn: string, noun = 'new suspect'): string {
  const extra = [
    r.known.length ? `${r.known.length} known from the baseline` : '',
    r.ignored.length ? `${r.ignored.length} ignored` : '',
  ].filter(Boolean);
  const verdict = r.failing.length
    ? `fails: ${r.failing.length} ${noun}${r.failing.length === 1 ? '' : 's'} at ${failOn} or above`
    : `passes: no ${noun} at ${failOn} or above`;
  return `\nGate (--fail-on ${failOn}) ${verdict}${extra.length ? ` (${extra.join(', ')})` : ''}.\n`;
}
