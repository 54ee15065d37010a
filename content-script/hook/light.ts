import { newArray, push, SafeMap, SafeWeakRef } from './pristine.ts';
import {
  type Holder,
  type HookState,
  LeakscopeLightEntry,
  LeakscopeTally,
  type LightEntry,
  type ListenerRec,
  type OnceWrapper,
  wrapperDelete,
  wrapperGet,
  wrapperSet,
} from './state.ts';

/**
 * The light count path. Once the detailed registries are full (LIMITS.maxListenerRecords, maxTimerRecords), new
 * registrations are still mirrored exactly enough to keep the live counts exact — duplicates are no-ops as in the
 * browser, removals, `once` firing, `signal` abort, timeouts running or cleared, intervals cleared — but without
 * detail: no id, no callsite, no time, no list links.
 *
 * Listeners: per target (in its Holder, which the hook keeps in a WeakMap keyed by the target) a map page listener
 * → a number `typeId * 2 + capture` for a plain registration (the event type interned in a bounded table), or a
 * chain of LightEntry objects for anything else. Each target with light registrations has a tally that reaches
 * the holder only through its WeakRef; when the target is collected, the tally's count is taken off the total at
 * the next sweep. Nothing here holds a target, and a listener only while the target (and so the browser's
 * registration) does.
 *
 * Timers: key → kind code in one map (the browser holds the callback anyway); function timeouts and animation
 * frames run through a small wrapper that takes them off when they run; intervals need no wrapper.
 */

/**
 * Event types interned for the number form: at most this many, each at most MAX_TYPE_LENGTH long (the table keeps
 * them for the document's life, so a page's huge or countless type strings must not accumulate there); other types
 * go into entries, which keep the string only as long as the registration.
 */
const MAX_TYPES = 8192;
const MAX_TYPE_LENGTH = 64;

export const TIMEOUT = 0;
export const INTERVAL = 1;
export const FRAME = 2;

/** The interned id of `type`, or -1 when the table is full. */
function typeId(state: HookState, type: string): number {
  let id = state.typeIds.get(type);
  if (id === undefined) {
    const names = state.typeNames;
    if (names.length >= MAX_TYPES || type.length > MAX_TYPE_LENGTH) return -1;
    id = names.length;
    push(names, type);
    state.typeIds.set(type, id);
  }
  return id;
}

/** The light registration of (type, listener, capture) on this holder: a number code, an entry, or undefined. */
export function lightFind(
  state: HookState,
  holder: Holder,
  type: string,
  listener: object,
  capture: boolean,
): number | LightEntry | undefined {
  const v = holder.light!.get(listener);
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    return (v & 1) === (capture ? 1 : 0) && state.typeNames[v >> 1] === type ? v : undefined;
  }
  for (let e: LightEntry | null = v; e; e = e.next) if (e.type === type && e.capture === capture) return e;
  return undefined;
}

function entryFromCode(state: HookState, holder: Holder, code: number): LightEntry {
  return new LeakscopeLightEntry(holder.ref, state.typeNames[code >> 1], (code & 1) === 1);
}

/**
 * Counts a new registration (the caller has checked it is not a duplicate). Returns the entry for `once` or
 * `signal` registrations (the caller's once-wrapper needs it), null for the number form.
 */
export function lightAdd(
  state: HookState,
  holder: Holder,
  type: string,
  listener: object,
  capture: boolean,
  wrapper: OnceWrapper | null,
  signal: AbortSignal | undefined,
  signalSet: (signal: AbortSignal) => { add(x: LightEntry): unknown },
): LightEntry | null {
  // Sweep first: a sweep drops the table of a holder whose tally is at zero, which a new one is until counted.
  if (holder.tally === null && state.lightTallies.length >= state.lightSweepAt) sweepLight(state);
  let map = holder.light;
  let tally = holder.tally;
  if (map === null) holder.light = map = new SafeMap();
  if (tally === null) {
    holder.tally = tally = new LeakscopeTally(holder.ref);
    push(state.lightTallies, tally);
  }
  tally.n++;
  state.lightListeners++;
  const prev = map.get(listener);
  if (prev === undefined && wrapper === null && signal === undefined) {
    const id = typeId(state, type);
    if (id >= 0) {
      map.set(listener, id * 2 + (capture ? 1 : 0));
      return null;
    }
  }
  const e = new LeakscopeLightEntry(holder.ref, type, capture);
  e.next = prev === undefined ? null : typeof prev === 'number' ? entryFromCode(state, holder, prev) : prev;
  map.set(listener, e);
  if (wrapper !== null) {
    e.wrapped = true;
    wrapperSet(holder, e, wrapper);
  }
  if (signal !== undefined) {
    e.listenerRef = new SafeWeakRef(listener);
    const set = signalSet(signal);
    e.signal = set as LightEntry['signal'];
    set.add(e);
  }
  return e;
}

/** The once-wrapper the browser holds for a light entry (undefined for the number form). */
export const lightWrapper = (holder: Holder, match: number | LightEntry): OnceWrapper | undefined =>
  typeof match === 'number' || !match.wrapped ? undefined : wrapperGet(holder, match);

/** Takes a light registration off (removal, once fired, signal aborted). Never throws on a stale entry. */
export function lightForget(
  state: HookState,
  holder: Holder,
  listener: object,
  match: number | LightEntry,
): void {
  const map = holder.light;
  if (map === null) return;
  const v = map.get(listener);
  if (v === undefined) return;
  if (typeof v === 'number') {
    if (v !== match) return;
    map.delete(listener);
  } else {
    if (typeof match === 'number' || !match.live) return;
    if (v === match) {
      if (match.next) map.set(listener, match.next);
      else map.delete(listener);
    } else {
      let e: LightEntry | null = v;
      while (e && e.next !== match) e = e.next;
      if (!e) return;
      e.next = match.next;
    }
    match.live = false;
    match.next = null;
    if (match.wrapped) wrapperDelete(holder, match);
    match.signal?.delete(match);
    match.signal = null;
    match.listenerRef = null;
  }
  state.lightListeners--;
  if (holder.tally) holder.tally.n--;
}

/** Called by a signal's abort listener (and once-wrappers) for a light entry. */
export function lightForgetEntry(state: HookState, e: LightEntry, listener?: object): void {
  if (!e.live) return;
  const holder = e.holder.deref();
  const key = listener ?? e.listenerRef?.deref();
  if (holder && key !== undefined) lightForget(state, holder, key, e);
}

/**
 * Takes the counts of collected targets off the total and drops tallies of targets with no light registration
 * left. Amortised: runs when the tally list doubles, and at every flush.
 */
export function sweepLight(state: HookState): void {
  const old = state.lightTallies;
  const kept = newArray<LeakscopeTally>();
  for (let i = 0; i < old.length; i++) {
    const t = old[i];
    const holder = t.ref.deref();
    if (holder === undefined) state.lightListeners -= t.n;
    else if (t.n === 0) {
      if (holder.tally === t) {
        holder.tally = null;
        holder.light = null;
      }
    } else push(kept, t);
  }
  state.lightTallies = kept;
  state.lightSweepAt = kept.length * 2 + 64;
}

/** Counts a light timer. */
export function lightTimerAdd(state: HookState, key: number, kind: number): void {
  state.lightTimers.set(key, kind);
  if (kind === TIMEOUT) state.lightTimeouts++;
  else if (kind === INTERVAL) state.lightIntervals++;
  else state.lightFrames++;
}

/** Takes a light timer off (ran, cleared or expired); false when the key is not a live light timer. */
export function lightTimerDone(state: HookState, key: number): boolean {
  const kind = state.lightTimers.get(key);
  if (kind === undefined) return false;
  state.lightTimers.delete(key);
  if (kind === TIMEOUT) {
    state.lightTimeouts--;
    state.lightExpiry.delete(key);
  } else if (kind === INTERVAL) state.lightIntervals--;
  else state.lightFrames--;
  return true;
}

/** Forgets light string timeouts whose delay has passed (the browser gives no signal when they run). */
export function sweepLightTimers(state: HookState, t: number): void {
  if (state.lightExpiry.size === 0) return;
  const expired = newArray<number>();
  state.lightExpiry.forEach((at, key) => {
    if (at <= t) push(expired, key);
  });
  for (let i = 0; i < expired.length; i++) lightTimerDone(state, expired[i]);
}

export const isLight = (r: ListenerRec | LightEntry): r is LightEntry => r.light;
