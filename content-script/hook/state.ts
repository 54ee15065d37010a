import type { Callsite, TimerKind } from '../../src/protocol/index.ts';
import type { Trace } from './callsite.ts';
import { newArray, SafeMap, type SafeSet, SafeWeakMap, SafeWeakRef } from './pristine.ts';

/**
 * The hook's whole state. It holds no page object strongly except listener functions (only through the
 * per-target `Holder`, which lives in a WeakMap keyed by the target) and the callbacks of live timers
 * (which the browser holds anyway while the timer is pending).
 */

/**
 * Per-target bookkeeping; reachable strongly only through `HookState.holders` (keyed by the target). A class with
 * an explicit constructor (no base class, so no extra frame) whose name starts with `Leakscope`: heap-snapshot
 * retainer chains skip such objects (src/heap/passes/edge-mask.ts).
 */
export class LeakscopeHolder {
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
  wrappers: SafeMap<ListenerRec | LightEntry, OnceWrapper> | null;
  /** The first such pair sits in these two fields (most targets have at most one live once-listener: no Map). */
  onceRec: ListenerRec | LightEntry | null;
  onceWrapper: OnceWrapper | null;
  /**
   * Registrations counted without detail once the detailed registry is full (light.ts): page listener → a
   * number (type id × 2 + capture) for a plain registration, or a chain of LightEntry.
   */
  light: SafeMap<object, number | LightEntry> | null;
  /** This target's share of `HookState.lightListeners`, swept when the target is collected (light.ts). */
  tally: LightTally | null;
  constructor(target: EventTarget, flat: (object | null)[]) {
    this.target = target;
    this.flat = flat;
    this.used = 0;
    this.map = null;
    this.ref = new SafeWeakRef(this);
    this.wrappers = null;
    this.onceRec = null;
    this.onceWrapper = null;
    this.light = null;
    this.tally = null;
  }
}
export type Holder = LeakscopeHolder;

/** The once-wrapper the browser holds for `rec` on this holder (see `Holder.wrappers`). */
export const wrapperGet = (h: Holder, rec: ListenerRec | LightEntry): OnceWrapper | undefined =>
  h.onceRec === rec ? h.onceWrapper! : h.wrappers?.get(rec);

export function wrapperSet(h: Holder, rec: ListenerRec | LightEntry, wrapper: OnceWrapper): void {
  if (h.onceRec === null) {
    h.onceRec = rec;
    h.onceWrapper = wrapper;
    return;
  }
  h.wrappers ??= new SafeMap();
  h.wrappers.set(rec, wrapper);
}

export function wrapperDelete(h: Holder, rec: ListenerRec | LightEntry): void {
  if (h.onceRec === rec) {
    h.onceRec = null;
    h.onceWrapper = null;
  } else h.wrappers?.delete(rec);
}

/** A target's count of light registrations; reaches the target's holder only weakly. */
export class LeakscopeTally {
  ref: SafeWeakRef<Holder>;
  n: number;
  constructor(ref: SafeWeakRef<Holder>) {
    this.ref = ref;
    this.n = 0;
  }
}
export type LightTally = LeakscopeTally;

/**
 * A light registration that needs more than a number: `once` (the browser holds a wrapper, kept in
 * `Holder.wrappers`), a `signal`, a type that was not interned, or a listener registered more than once on the
 * same target (chained through `next`). No id, no callsite, no time.
 */
export class LeakscopeLightEntry {
  readonly light = true;
  type: string;
  capture: boolean;
  wrapped: boolean;
  live: boolean;
  holder: SafeWeakRef<Holder>;
  /** With a signal: the set of the signal's registrations, and the listener weakly (to find the entry on abort). */
  signal: SafeSet<ListenerRec | LightEntry> | null;
  listenerRef: SafeWeakRef<object> | null;
  next: LightEntry | null;
  constructor(holder: SafeWeakRef<Holder>, type: string, capture: boolean) {
    this.type = type;
    this.capture = capture;
    this.wrapped = false;
    this.live = true;
    this.holder = holder;
    this.signal = null;
    this.listenerRef = null;
    this.next = null;
  }
}
export type LightEntry = LeakscopeLightEntry;

export type OnceWrapper = (this: unknown, ev: unknown) => unknown;

export interface ListenerRec {
  light: false;
  id: number;
  holder: SafeWeakRef<Holder>;
  type: string;
  capture: boolean;
  once: boolean;
  passive: boolean;
  /** The records of this record's AbortSignal (see HookState.signals); null without a signal. */
  signal: SafeSet<ListenerRec | LightEntry> | null;
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

/**
 * The hook's whole state, one instance per document. A class (named `Leakscope…` for heap-snapshot chains, see
 * LeakscopeHolder) with every field set in the constructor, so all instances share one shape.
 */
export class LeakscopeState {
  holders: SafeWeakMap<EventTarget, Holder>;
  /** AbortSignal → live registrations made with it (detailed and light); one abort listener of ours per signal. */
  signals: SafeWeakMap<AbortSignal, SafeSet<ListenerRec | LightEntry>>;
  /** Sentinel-free list of live listener records (most recent first). */
  head: ListenerRec | null;
  /** Live listener records kept in detail (at most LIMITS.maxListenerRecords). */
  listenerCount: number;
  /** listenerCount at which to sweep records of collected targets next (keeps dead records bounded). */
  sweepAt: number;
  /** Registrations refused since the registry was last full (sweeps then happen every few thousand). */
  overflowSinceSweep: number;
  timers: SafeMap<number, TimerRec>;
  /** Live listener registrations counted without detail (light.ts), including those of targets not yet swept. */
  lightListeners: number;
  /** One tally per target with light registrations (swept when the list doubles and at every flush). */
  lightTallies: LightTally[];
  lightSweepAt: number;
  /** Interned event types for light registrations (bounded, see light.ts). */
  typeIds: SafeMap<string, number>;
  typeNames: string[];
  /** Timers counted without detail: key (as in `timers`) → kind code (0 timeout, 1 interval, 2 animation frame). */
  lightTimers: SafeMap<number, number>;
  /** Light string (or other non-function) timeouts: key → when their delay has passed (they cannot be observed). */
  lightExpiry: SafeMap<number, number>;
  lightTimeouts: number;
  lightIntervals: number;
  lightFrames: number;
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
  constructor() {
    this.holders = new SafeWeakMap();
    this.signals = new SafeWeakMap();
    this.head = null;
    this.listenerCount = 0;
    this.sweepAt = 4096;
    this.overflowSinceSweep = 0;
    this.timers = new SafeMap();
    this.lightListeners = 0;
    this.lightTallies = newArray();
    this.lightSweepAt = 64;
    this.typeIds = new SafeMap();
    this.typeNames = newArray();
    this.lightTimers = new SafeMap();
    this.lightExpiry = new SafeMap();
    this.lightTimeouts = 0;
    this.lightIntervals = 0;
    this.lightFrames = 0;
    this.untrackedApis = newArray();
    this.nextId = 1;
    this.connected = false;
    this.detail = false;
    this.callsiteBudget = 0;
    this.addedListeners = newArray();
    this.removedListeners = newArray();
    this.addedTimers = newArray();
    this.removedTimers = newArray();
    this.ranTimers = new SafeMap();
    this.observerRefs = newArray();
    this.observerSweepAt = 256;
    this.observerRecs = new SafeWeakMap();
    this.liveObservers = null;
  }
}
export type HookState = LeakscopeState;

export function createState(): HookState {
  return new LeakscopeState();
}

/**
 * The single state of this document's hook. Contract with the live retainer search: the wrapped
 * addEventListener, setTimeout, setInterval and requestAnimationFrame reference this const by this exact name,
 * so a debugger finds it in their [[Scopes]]. It is never reachable from any page-visible object.
 */
export const leakscopeState: HookState = createState();
