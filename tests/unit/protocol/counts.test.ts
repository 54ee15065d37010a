import { expect, test } from 'vitest';
import type { HookBatch } from '../../../src/protocol/messages.ts';
import { parseHookBatch } from '../../../src/protocol/validate.ts';
import { hookBatch } from '../hook-batch.ts';

/** The counts a hook sends: exact totals plus how many of them are tracked in detail, both required. */

// `counts` as any value: the validator is what is under test.
const batch = (counts: unknown): unknown => ({ ...hookBatch({ full: true }), counts });

const good: HookBatch['counts'] = {
  listeners: 1_000_000,
  intervals: 100_000,
  timeouts: 100_000,
  animationFrames: 0,
  detailedListeners: 50_000,
  detailedTimers: 20_000,
};

test('counts with detailedListeners and detailedTimers pass, and extra keys are dropped', () => {
  expect(parseHookBatch(batch({ ...good, untracked: 5 }))?.counts).toEqual(good);
});

test('counts without the detail fields, or the old `untracked` shape, are rejected', () => {
  const { detailedListeners: _l, ...noListeners } = good;
  const { detailedTimers: _t, ...noTimers } = good;
  expect(parseHookBatch(batch(noListeners))).toBeNull();
  expect(parseHookBatch(batch(noTimers))).toBeNull();
  expect(
    parseHookBatch(batch({ listeners: 1, intervals: 0, timeouts: 0, animationFrames: 0, untracked: 0 })),
  ).toBeNull();
});

test('detail larger than the totals, negative or fractional values are rejected', () => {
  expect(parseHookBatch(batch({ ...good, detailedListeners: good.listeners + 1 }))).toBeNull();
  expect(parseHookBatch(batch({ ...good, detailedTimers: 200_001 }))).toBeNull();
  expect(parseHookBatch(batch({ ...good, detailedTimers: -1 }))).toBeNull();
  expect(parseHookBatch(batch({ ...good, detailedListeners: 1.5 }))).toBeNull();
});
