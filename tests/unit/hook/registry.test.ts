// @vitest-environment happy-dom
import { beforeAll, expect, test } from 'vitest';
import type { HookState } from '../../../content-script/hook/state.ts';
import { LIMITS } from '../../../src/protocol/messages.ts';

/**
 * The listener registry's bookkeeping on happy-dom's EventTarget (the real browser semantics are covered by the
 * e2e battery; this checks the mirror: counts, duplicates, once, removal, batches. Signals and detached nodes
 * need real DOM getters and are covered by tests/e2e/hook-relay.test.ts).
 */

let state: HookState;
let buildBatches: typeof import('../../../content-script/hook/batch.ts').buildBatches;
beforeAll(async () => {
  // Imported here, not at the top: the hook captures DOM built-ins when it loads, which must be happy-dom's.
  const listeners = await import('../../../content-script/hook/listeners.ts');
  ({ buildBatches } = await import('../../../content-script/hook/batch.ts'));
  state = (await import('../../../content-script/hook/state.ts')).leakscopeState;
  // happy-dom's global EventTarget is a subclass; the methods live one prototype further up.
  let owner: object = EventTarget.prototype;
  while (!Object.hasOwn(owner, 'addEventListener')) owner = Object.getPrototypeOf(owner);
  listeners.installListeners(owner);
  expect(state.untrackedApis).toEqual([]);
});

const ctx = () => ({ docId: 'doc', url: () => 'http://x/', seq: 0, lastDetached: [], lastCounts: null });

test('duplicates are not double-counted; capture is a separate registration; removal forgets', () => {
  const t = new EventTarget();
  const f = () => {};
  const before = state.listenerCount;
  t.addEventListener('a', f);
  t.addEventListener('a', f);
  t.addEventListener('a', f, { capture: false });
  expect(state.listenerCount - before).toBe(1);
  t.addEventListener('a', f, true);
  expect(state.listenerCount - before).toBe(2);
  t.removeEventListener('a', f, { capture: true });
  t.removeEventListener('a', f);
  expect(state.listenerCount - before).toBe(0);
});

test('once records go when the listener fires; a duplicate of a once listener maps to its wrapper', () => {
  const t = new EventTarget();
  const before = state.listenerCount;
  let fired = 0;
  const f = () => fired++;
  t.addEventListener('o', f, { once: true });
  t.addEventListener('o', f); // a duplicate for the browser: must not register the page's function beside our wrapper
  expect(state.listenerCount - before).toBe(1);
  t.dispatchEvent(new Event('o'));
  t.dispatchEvent(new Event('o'));
  expect(fired).toBe(1);
  expect(state.listenerCount - before).toBe(0);
  t.addEventListener('o', f, { once: true });
  t.removeEventListener('o', f);
  t.dispatchEvent(new Event('o'));
  expect(fired).toBe(1);
  expect(state.listenerCount - before).toBe(0);
});

test('a full batch carries every live record, at most maxRecordsPerBatch per batch', () => {
  const keep: EventTarget[] = [];
  const n = LIMITS.maxRecordsPerBatch * 2 + 10;
  for (let i = 0; i < n; i++) {
    const t = new EventTarget();
    t.addEventListener('x', () => {});
    keep.push(t);
  }
  state.connected = true;
  try {
    const batches = Array.from(buildBatches(state, ctx(), true));
    expect(batches.map((b) => b.full)).toEqual([true, false, false]);
    expect(batches.map((b) => b.listenersAdded.length)).toEqual([
      LIMITS.maxRecordsPerBatch,
      LIMITS.maxRecordsPerBatch,
      state.listenerCount - 2 * LIMITS.maxRecordsPerBatch,
    ]);
    expect(batches.map((b) => b.seq)).toEqual([0, 1, 2]);
    // Nothing changed since: the next flush says nothing.
    const c = ctx();
    buildBatches(state, c, true);
    expect(buildBatches(state, c, false)).toEqual([]);
  } finally {
    state.connected = false;
  }
});
