/** Hook batches and records for unit tests: valid defaults, overridden where a test cares. */
import type { HookBatch, ListenerRecord, TimerRecord } from '../../src/protocol/messages.ts';
import { ZERO_COUNTS } from '../../src/registry/page-registry.ts';

export const listenerRecord = (id: number, type = 'click', target = 'window'): ListenerRecord => ({
  id,
  target,
  targetKind: 'window',
  type,
  capture: false,
  once: false,
  passive: false,
  signal: false,
  handler: 'h',
  callsite: null,
  addedAt: id,
});

export const timerRecord = (id: number): TimerRecord => ({
  id,
  kind: 'interval',
  delay: 100,
  handler: 't',
  callsite: null,
  createdAt: 0,
  runs: 0,
  lastRunAt: null,
});

/** A delta batch of document `doc1` that changes nothing, with `over` applied. */
export function hookBatch(over: Partial<HookBatch> = {}): HookBatch {
  return {
    kind: 'batch',
    v: 1,
    docId: 'doc1',
    seq: 1,
    full: false,
    url: 'http://a/',
    timeOrigin: 1_700_000_000_000,
    detail: true,
    listenersAdded: [],
    listenersRemoved: [],
    timersAdded: [],
    timersRemoved: [],
    timersRan: [],
    detachedTargets: [],
    counts: { ...ZERO_COUNTS },
    untrackedApis: [],
    ...over,
  };
}
