import { describe, expect, test } from 'vitest';
import { PageRegistry } from '../../../src/registry/page-registry.ts';
import { hookBatch, listenerRecord, timerRecord } from '../hook-batch.ts';

const listener = listenerRecord;
const timer = timerRecord;
const batch = hookBatch;

describe('PageRegistry', () => {
  test('a full batch sets the frame state and deltas add, remove and update', () => {
    const r = new PageRegistry();
    expect(
      r.apply(
        0,
        batch({ full: true, listenersAdded: [listener(1), listener(2)], timersAdded: [timer(7)] }),
        0,
      ),
    ).toBe('applied');
    expect(
      r.apply(0, batch({ seq: 2, listenersRemoved: [1], timersRan: [[7, 3, 50]], detachedTargets: [2] }), 1),
    ).toBe('applied');
    expect(r.listeners().map((l) => [l.id, l.targetDetached])).toEqual([[2, true]]);
    expect(r.timers()[0]).toMatchObject({ id: 7, runs: 3, lastRunAt: 50 });
    // Record times count from the document's time origin; the registry puts them on the epoch clock for ages.
    expect(r.listeners()[0].addedAtEpoch).toBe(1_700_000_000_002);
  });

  test('a delta without a base, or with a gap in sequence numbers, asks for a full batch', () => {
    const r = new PageRegistry();
    expect(r.apply(0, batch({ seq: 5 }), 0)).toBe('need-full');
    r.apply(0, batch({ full: true, seq: 1 }), 0);
    expect(r.apply(0, batch({ seq: 3 }), 0)).toBe('need-full');
    expect(r.apply(0, batch({ seq: 1 }), 0)).toBe('ignored');
  });

  test('a new document in a frame (reload, navigation) replaces the old document’s registrations', () => {
    const r = new PageRegistry();
    r.apply(0, batch({ full: true, listenersAdded: [listener(1)] }), 0);
    // A delta from another document is not applied on top of this one; the frame is asked for a full batch.
    expect(r.apply(0, batch({ docId: 'doc2', seq: 2, listenersAdded: [listener(9)] }), 0)).toBe('need-full');
    expect(r.listeners().map((l) => l.id)).toEqual([1]);
    r.apply(0, batch({ docId: 'doc2', full: true, listenersAdded: [listener(5)] }), 0);
    expect(r.listeners().map((l) => l.id)).toEqual([5]);
    // A late delta of the old document must not wipe the new one's state.
    expect(r.apply(0, batch({ docId: 'doc1', seq: 7, listenersAdded: [listener(2)] }), 0)).toBe('need-full');
    expect(r.listeners().map((l) => l.id)).toEqual([5]);
  });

  test('frames are kept apart and their totals summed', () => {
    const r = new PageRegistry();
    const counts = {
      listeners: 3,
      intervals: 1,
      timeouts: 2,
      animationFrames: 0,
      detailedListeners: 2,
      detailedTimers: 3,
    };
    r.apply(0, batch({ full: true, listenersAdded: [listener(1)], counts }), 0);
    r.apply(
      4,
      batch({ full: true, docId: 'x', listenersAdded: [listener(1)], counts, untrackedApis: ['setTimeout'] }),
      0,
    );
    expect(r.listeners().map((l) => l.frameId)).toEqual([0, 4]);
    expect(r.listenerCount()).toBe(2);
    expect(r.timerCount()).toBe(0);
    expect(r.totals()).toEqual({
      listeners: 6,
      intervals: 2,
      timeouts: 4,
      animationFrames: 0,
      detailedListeners: 4,
      detailedTimers: 6,
    });
    expect(r.untrackedApis()).toEqual(['setTimeout']);
  });
});
