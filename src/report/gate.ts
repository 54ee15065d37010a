/**
 * The CI gate over a report: which suspects fail the build. Suspects at or above `failOn` fail, except those a
 * baseline report already had (the same `shape`: same kind and chain shape, so a known leak does not fail every
 * build until it is fixed) and those an ignore pattern matches (third-party noise, by script URL or chain text).
 */
import { chainText } from '../chain.ts';
import { SEVERITY_ORDER, type Severity } from '../severity.ts';
import type { Report, ReportSuspect } from './model.ts';

export interface GateOptions {
  failOn: Severity;
  /** An earlier report of the same page (e.g. the main branch's): its suspects do not fail the gate. */
  baseline?: Report | null;
  /** Substrings, or globs with `*`, matched against a suspect's script URL, chain text and title. */
  ignore?: readonly string[];
}

export interface GateResult {
  /** At or above failOn, new, not ignored: these fail the gate. */
  failing: ReportSuspect[];
  /** At or above failOn but in the baseline. */
  known: ReportSuspect[];
  /** Matched an ignore pattern (any severity). */
  ignored: ReportSuspect[];
}

function matcher(pattern: string): (text: string) => boolean {
  if (!pattern.includes('*')) return (text) => text.includes(pattern);
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(body, 's');
  return (text) => re.test(text);
}

/** What a pattern is matched against: the callsite's URL, the chain as one line, the title. */
function haystacks(s: ReportSuspect): string[] {
  return [s.callsite?.url ?? '', s.callsite?.original?.url ?? '', s.chain ? chainText(s.chain) : '', s.title];
}

export function gate(report: Report, o: GateOptions): GateResult {
  const patterns = (o.ignore ?? []).filter((p) => p !== '').map(matcher);
  const knownShapes = new Set(o.baseline?.suspects.map((s) => s.shape) ?? []);
  const out: GateResult = { failing: [], known: [], ignored: [] };
  for (const s of report.suspects) {
    if (patterns.some((m) => haystacks(s).some(m))) out.ignored.push(s);
    else if (SEVERITY_ORDER[s.severity] < SEVERITY_ORDER[o.failOn]) continue;
    else if (knownShapes.has(s.shape)) out.known.push(s);
    else out.failing.push(s);
  }
  return out;
}
