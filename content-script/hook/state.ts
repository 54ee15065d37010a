import type { Callsite, TimerKind } from '../../src/protocol/messages.ts';
import type { Trace } from './callsite.ts';
import { SafeMap, type SafeSet, SafeWeakMap, type SafeWeakRef } from './pristine.ts';

/**
 * The hook's whole state. It holds no page object strongly except listener functions (only through the
 * per-target `Holder`, which lives in a WeakMap keyed by the target) and the callbacks of live timers
 * (which the browser holds anyway while the timer is pending).
 */

/** Per-target bookkeeping; reachable strongly only through `HookState.holders` (keyed by the target). */
export interface Holder {
  target: EventTarget;
  /**
   * page listener → first record for it on this target (others chained through `sibling`), see slots.ts:
   * `[listener, record, …]` pairs in `flat` (first `used` entries) while small, else `map`.
   */
  flat: (object | null)[] | null;
  used: number;
  map: SafeMap<object, ListenerRec> | null;
  /** The one WeakRef per target that records use to reach back (so a record never keeps a target alive). */
  ref: SafeWeakRef<Holder>;
  /**
   * record → the once-wrapper the browser holds instead of the page's listener. Kept here, not on the record:
   * records are reachable from the live list, and the wrapper reaches the listener (and often the target).
   */
  wrappers: SafeMap<ListenerRec, OnceWrapper> | null;
}

export type OnceWrapper = (this: unknown, ev: unknown) => unknown;

export interface ListenerRec {
  id: number;
  holder: SafeWeakRef<Holder>;
  type: string;
  capture: boolean;
  once: boolean;
  passive: boolean;
  /** The records of this record's AbortSignal (see HookState.signals); null without a signal. */
  signal: SafeSet<ListenerRec> | null;
  /** The browser holds our once-wrapper (in `Holder.wrappers`) rather than the page's listener. */
  wrapped: boolean;
  callsite: Trace | null;
  addedAt: number;
  /** Next record for the same listener object on the same target. */
  sibling: ListenerRec | null;
  /** Doubly linked list of all live records. */
  prev: ListenerRec | null;
  next: ListenerRec | null;
  live: boolean;
  /** Whether a batch has carried this record to the panel. */
  sent: boolean;
}

export interface TimerRec {
  /** Key in `timers`: the native id for timeouts/intervals, minus the native id for animation frames. */
  id: number;
  kind: TimerKind;
  /** Held while the timer is live; the browser holds it then anyway. */
  callback: ((...args: unknown[]) => unknown) | string;
  delay: number;
  callsite: Trace | null;
  createdAt: number;
  runs: number;
  lastRunAt: number | null;
  /** String timeouts cannot be observed running; they are forgotten once this time has passed. */
  expiresAt: number;
  sent: boolean;
}

/** What the hook knows about an observer the page created (see observers.ts); lives as long as the observer. */
export interface ObserverRec {
  kind: string;
  /** Held strongly, but only as a WeakMap value keyed by the observer (the observer holds it anyway). */
  callback: (...args: unknown[]) => unknown;
  /** observe() was called since the last disconnect(). */
  observing: boolean;
  /** Formatted at once (a raw trace would keep the caller's receiver alive). */
  callsite: Callsite | null;
}

export interface HookState {
  holders: SafeWeakMap<EventTarget, Holder>;
  /** AbortSignal → live records registered with it; one abort listener of ours per signal. */
  signals: SafeWeakMap<AbortSignal, SafeSet<ListenerRec>>;
  /** Sentinel-free list of live listener records (most recent first). */
  head: ListenerRec | null;
  listenerCount: number;
  /** listenerCount at which to sweep records of collected targets next (keeps dead records bounded). */
  sweepAt: number;
  /** Registrations refused since the registry was last full (sweeps then happen every few thousand). */
  overflowSinceSweep: number;
  /** Set once the listener registry overflowed: from then on `once` listeners are not wrapped. */
  listenerOverflow: boolean;
  timers: SafeMap<number, TimerRec>;
  untracked: number;
  untrackedApis: string[];
  nextId: number;
  /** A panel is connected: records get callsites and deltas are queued. */
  connected: boolean;
  detail: boolean;
  /** Callsites still allowed before the next flush (LIMITS.callsitesPerFlush). */
  callsiteBudget: number;
  /** Records to send, filled by each flush from the unsent records (see batch.ts). */
  addedListeners: ListenerRec[];
  addedTimers: TimerRec[];
  /** Ids of sent records that went away since the last flush (only while connected). */
  removedListeners: number[];
  removedTimers: number[];
  ranTimers: SafeMap<number, TimerRec>;
  /** Every observer the page created, weakly (observers.ts); collected ones are swept when the list doubles. */
  observerRefs: SafeWeakRef<object>[];
  observerSweepAt: number;
  /** observer → its record. */
  observerRecs: SafeWeakMap<object, ObserverRec>;
  /** For the live scan over CDP: `[observer, callback, kind, observing, callsite, …]` of live observers. */
  liveObservers: (() => unknown[]) | null;
}

export function createState(): HookState {
  return {
    holders: new SafeWeakMap(),
    signals: new SafeWeakMap(),
    head: null,
    listenerCount: 0,
    sweepAt: 4096,
    overflowSinceSweep: 0,
    listenerOverflow: false,
    timers: new SafeMap(),
    untracked: 0,
    untrackedApis: [],
    nextId: 1,
    connected: false,
    detail: false,
    callsiteBudget: 0,
    addedListeners: [],
    removedListeners: [],
    addedTimers: [],
    removedTimers: [],
    ranTimers: new SafeMap(),
    observerRefs: [],
    observerSweepAt: 256,
    observerRecs: new SafeWeakMap(),
    liveObservers: null,
  };
}

/**
 * The single state of this document's hook. Contract with the live retainer search: the wrapped
 * addEventListener, setTimeout, setInterval and requestAnimationFrame reference this const by this exact name,
 * so a debugger finds it in their [[Scopes]]. It is never reachable from any page-visible object.
 */
export const leakscopeState: HookState = createState();
