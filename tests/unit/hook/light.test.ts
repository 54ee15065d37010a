// @vitest-environment happy-dom
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HookState } from '../../../content-script/hook/state.ts';
import { LIMITS } from '../../../src/protocol/messages.ts';

/**
 * The light count path (content-script/hook/light.ts): once the detailed registry is full, totals stay exact —
 * duplicates are no-ops, removal and once firing count off — with no detail kept. The cap is lowered for the
 * test. Signals need real DOM getters: they are covered, with timers, by tests/e2e/hook-churn.test.ts.
 */

let state: HookState;
let sweepLight: typeof import('../../../content-script/hook/light.ts').sweepLight;
const limits = LIMITS as { maxListenerRecords: number };
const realCap = limits.maxListenerRecords;
const CAP = 4;
/** Keeps the detailed registry full for the whole file. */
const filler: [EventTarget, () => void][] = [];

beforeAll(async () => {
  const listeners = await import('../../../content-script/hook/listeners.ts');
  ({ sweepLight } = await import('../../../content-script/hook/light.ts'));
  state = (await import('../../../content-script/hook/state.ts')).leakscopeState;
  let owner: object = EventTarget.prototype;
  while (!Object.hasOwn(owner, 'addEventListener')) owner = Object.getPrototypeOf(owner);
  listeners.installListeners(owner);
  limits.maxListenerRecords = CAP;
  const t = new EventTarget();
  for (let i = 0; i < CAP; i++) {
    const f = () => {};
    t.addEventListener('fill', f);
    filler.push([t, f]);
  }
  expect(state.listenerCount).toBe(CAP);
});

afterAll(() => {
  for (const [t, f] of filler) t.removeEventListener('fill', f);
  limits.maxListenerRecords = realCap;
});

const total = () => state.listenerCount + state.lightListeners;

test('past the cap: duplicates are no-ops, capture is separate, removal counts off, no detail is kept', () => {
  const before = total();
  const t = new EventTarget();
  const f = () => {};
  const g = () => {};
  t.addEventListener('a', f);
  t.addEventListener('a', f);
  t.addEventListener('a', f, { capture: false });
  expect(total() - before).toBe(1);
  t.addEventListener('a', f, true);
  t.addEventListener('b', f);
  t.addEventListener('a', g);
  t.addEventListener('b', f);
  expect(total() - before).toBe(4);
  expect(state.listenerCount).toBe(CAP);
  t.removeEventListener('a', f, { capture: true });
  t.removeEventListener('a', f, { capture: true }); // not registered any more: no-op
  t.removeEventListener('c', f); // never registered
  expect(total() - before).toBe(3);
  t.removeEventListener('a', f);
  t.removeEventListener('b', f);
  t.removeEventListener('a', g);
  expect(total() - before).toBe(0);
  // Re-adding after removal counts again.
  t.addEventListener('a', f);
  expect(total() - before).toBe(1);
  t.removeEventListener('a', f);
  expect(total() - before).toBe(0);
});

test('past the cap: once listeners count off when they fire, duplicates map to the wrapper', () => {
  const before = total();
  const t = new EventTarget();
  let fired = 0;
  const f = () => fired++;
  t.addEventListener('o', f, { once: true });
  t.addEventListener('o', f);
  expect(total() - before).toBe(1);
  t.dispatchEvent(new Event('o'));
  t.dispatchEvent(new Event('o'));
  expect(fired).toBe(1);
  expect(total() - before).toBe(0);
  t.addEventListener('o', f, { once: true });
  t.removeEventListener('o', f);
  t.dispatchEvent(new Event('o'));
  expect(fired).toBe(1);
  expect(total() - before).toBe(0);
});

test('past the cap: a collected target’s light registrations come off at the next sweep', () => {
  const before = total();
  let t: EventTarget | null = new EventTarget();
  t.addEventListener('x', () => {});
  t.addEventListener('y', () => {}, { once: true });
  expect(total() - before).toBe(2);
  // Simulate collection: the tally reaches its holder only through this WeakRef.
  const tally = state.lightTallies[state.lightTallies.length - 1];
  expect(tally.n).toBe(2);
  t = null;
  (tally as { ref: { deref(): unknown } }).ref = { deref: () => undefined };
  sweepLight(state);
  expect(total() - before).toBe(0);
});

test('the hook’s arrays have no prototype (a page’s Array.prototype index accessors never run)', () => {
  expect(Object.getPrototypeOf(state.lightTallies)).toBeNull();
  expect(Object.getPrototypeOf(state.typeNames)).toBeNull();
  expect(Object.getPrototypeOf(state.removedListeners)).toBeNull();
  expect(Object.getPrototypeOf(state.untrackedApis)).toBeNull();
});

test('the registries are Leakscope* classes (heap-snapshot chains skip them)', () => {
  expect(state.constructor.name).toBe('LeakscopeState');
  expect(state.timers.constructor.name).toBe('LeakscopeMap');
  expect(state.holders.constructor.name).toBe('LeakscopeWeakMap');
  const t = new EventTarget();
  t.addEventListener('z', () => {});
  const holder = state.holders.get(t)!;
  expect(holder.constructor.name).toBe('LeakscopeHolder');
  expect(holder.ref.constructor.name).toBe('LeakscopeWeakRef');
  expect(holder.light!.constructor.name).toBe('LeakscopeMap');
});
