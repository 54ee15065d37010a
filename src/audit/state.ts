/**
 * An audit, as the panel records it and the command line runs it: a baseline measurement, then one per repetition
 * of the user's action. Plain data (the panel keeps it in extension storage, so it survives closing and reopening
 * DevTools on the same tab); these pure functions are the only way it changes.
 */
import type { ScanResult } from '../live/types.ts';
import { iterationFromScan } from '../report/build.ts';
import type { AuditIteration } from '../report/model.ts';
import type { Suspect } from '../suspects/types.ts';

export type AuditState =
  | { kind: 'off' }
  | {
      kind: 'recording' | 'finished';
      url: string;
      startedAt: number;
      iterations: AuditIteration[];
      /** When each iteration was measured (ms since epoch), for the marks on the counters' charts. */
      markedAt: number[];
    };

/** One measurement: a scan and the suspects found in it (src/measure.ts). */
export interface AuditMeasurement {
  result: ScanResult;
  suspects: Suspect[];
}

/** Start: the measurement is the baseline, iteration 0. */
export function startAudit(m: AuditMeasurement, now: number): AuditState {
  return {
    kind: 'recording',
    url: m.result.url,
    startedAt: now,
    iterations: [iterationFromScan(0, m.result, m.suspects)],
    markedAt: [now],
  };
}

/** Mark: the action was repeated once more; a state that is not recording stays as it is. */
export function markIteration(audit: AuditState, m: AuditMeasurement, now: number): AuditState {
  if (audit.kind !== 'recording') return audit;
  return {
    ...audit,
    iterations: [...audit.iterations, iterationFromScan(audit.iterations.length, m.result, m.suspects)],
    markedAt: [...audit.markedAt, now],
  };
}

/**
 * Finish: a last measurement replaces the last iteration's (taken right after the last repetition) rather than
 * adding a repetition that did not happen; with no iteration yet it adds one.
 */
export function finishAudit(audit: AuditState, m: AuditMeasurement, now: number): AuditState {
  if (audit.kind !== 'recording') return audit;
  const keep = audit.iterations.length > 1 ? audit.iterations.length - 1 : audit.iterations.length;
  return {
    ...audit,
    kind: 'finished',
    iterations: [...audit.iterations.slice(0, keep), iterationFromScan(keep, m.result, m.suspects)],
    markedAt: [...audit.markedAt.slice(0, keep), now],
  };
}
