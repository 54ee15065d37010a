import type { AuditIteration } from '../../src/report/model.ts';

/**
 * The panel's audit: a baseline, then one measurement per repetition of the user's action. Plain data, so it
 * can be kept in extension storage and survive the panel being closed and reopened on the same tab.
 */
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
