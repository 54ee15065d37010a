// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import { LIMITS } from '../../src/protocol/index.ts';
import { traceFor } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import { isLight, lightAdd, lightFind, lightForget, lightForgetEntry, lightWrapper } from './light.ts';
import { apply, callable, defineProperty, dom, newArray, now, push, SafeSet } from './pristine.ts';
import { emptyFlat, slotDelete, slotForEach, slotGet, slotSet } from './slots.ts';
import {
  type Holder,
  type HookState,
  LeakscopeHolder,
  type LightEntry,
  type ListenerRec,
  leakscopeState,
  type OnceWrapper,
  wrapperDelete,
  wrapperGet,
  wrapperSet,
} from './state.ts';

/**
 * Wraps EventTarget.prototype.addEventListener/removeEventListener. The browser keeps doing all the work
 * (validation, duplicate detection, dispatch); the hook only mirrors live registrations. The one exception is
 * `once`: the browser is given a small wrapper so the hook can see the listener fire, and the hook maps the
 * page's listener to that wrapper for duplicate checks and removal.
 *
 * Options objects are read once, in the browser's order (capture, once, passive, signal), and passed on as a
 * plain copy of the raw values (so an unspecified `passive` stays unspecified: Chrome defaults it per target).
 */

const nativeAdd = dom.addEventListener;
const nativeRemove = dom.removeEventListener;
// Direct calls: cheaper than Reflect.apply for the browser's API functions.
const callAdd = callable(nativeAdd) as (self: unknown, ...args: unknown[]) => unknown;
const callRemove = callable(nativeRemove) as (self: unknown, ...args: unknown[]) => unknown;
const isObj = (x: unknown): x is object => (typeof x === 'object' && x !== null) || typeof x === 'function';
const OVERFLOW_SWEEP_EVERY = 4096;

/** Forgotten records kept for reuse by `record` (bounded; holds no page object). */
const POOL_SIZE = 256;
const pool = newArray<ListenerRec>();
let pooled = 0;

/** Set by `find` to the holder it looked in (saves a second WeakMap lookup); callers clear it right away. */
let foundHolder: Holder | undefined;
/** Set by `find` to the first record for the listener on that target (saves re-reading the map). */
let foundFirst: ListenerRec | undefined;

function find(state: HookState, target: unknown, type: string, listener: object, capture: boolean) {
  const holder = isObj(target) ? state.holders.get(target as EventTarget) : undefined;
  foundHolder = holder;
  const first = holder ? slotGet(holder, listener) : undefined;
  foundFirst = first;
  let rec: ListenerRec | null = first ?? null;
  while (rec && (rec.type !== type || rec.capture !== capture)) rec = rec.sibling;
  return rec ?? undefined;
}

const wrapperOf = (rec: ListenerRec): OnceWrapper | undefined => {
  const holder = rec.holder.deref();
  return holder ? wrapperGet(holder, rec) : undefined;
};

function holderFor(state: HookState, target: EventTarget): Holder {
  let holder = state.holders.get(target);
  if (!holder) {
    holder = new LeakscopeHolder(target, emptyFlat());
    state.holders.set(target, holder);
  }
  return holder;
}

/** Drops a record: from the live list, from its target's map, from its signal. Never throws. */
export function forgetListener(
  state: HookState,
  rec: ListenerRec,
  listener?: object,
  holder?: Holder,
  knownFirst?: ListenerRec,
): void {
  if (!rec.live) return;
  rec.live = false;
  if (rec.prev) rec.prev.next = rec.next;
  else state.head = rec.next;
  if (rec.next) rec.next.prev = rec.prev;
  rec.prev = rec.next = null;
  state.listenerCount--;
  holder ??= rec.holder.deref();
  if (holder) {
    if (rec.wrapped) wrapperDelete(holder, rec);
    // The listener key: given by the caller, or found by scanning this target's (small) map.
    if (listener === undefined) {
      slotForEach(holder, (first, key) => {
        for (let r: ListenerRec | null = first; r; r = r.sibling) if (r === rec) listener = key;
      });
    }
    if (listener !== undefined) {
      const first = knownFirst ?? slotGet(holder, listener);
      if (first === rec) {
        if (rec.sibling) slotSet(holder, listener, rec.sibling);
        else slotDelete(holder, listener);
      } else {
        for (let r: ListenerRec | null = first ?? null; r; r = r.sibling) {
          if (r.sibling === rec) {
            r.sibling = rec.sibling;
            break;
          }
        }
      }
    }
  }
  rec.signal?.delete(rec);
  rec.signal = null;
  if (state.connected && rec.sent) push(state.removedListeners, rec.id);
  // Nothing references a forgotten record any more, except the box of a once-wrapper: those are not reused.
  if (!rec.wrapped && pooled < POOL_SIZE) {
    rec.callsite = null; // an unformatted trace would keep its frames' functions alive
    rec.sibling = null;
    pool[pooled++] = rec;
  }
}

/** Forgets records whose target was collected (dead records stay bounded by a few times the live ones). */
export function sweepListeners(state: HookState): void {
  // A target's records are mostly neighbours in the list: deref each holder once per run of them.
  let lastRef: Holder['ref'] | null = null;
  let lastAlive = false;
  for (let rec = state.head; rec; ) {
    const next = rec.next;
    if (rec.holder !== lastRef) {
      lastRef = rec.holder;
      lastAlive = lastRef.deref() !== undefined;
    }
    if (!lastAlive) forgetListener(state, rec);
    rec = next;
  }
  // Next sweep when the count has grown fourfold: amortised O(1) per registration, dead records bounded.
  state.sweepAt = state.listenerCount * 4 + 4096;
}

type SignalSet = SafeSet<ListenerRec | LightEntry>;

/** The set of records for `signal`, adding our one abort listener to a signal seen for the first time. */
function signalSet(state: HookState, signal: AbortSignal): SignalSet {
  let set = state.signals.get(signal);
  if (!set) {
    const recs: SignalSet = new SafeSet();
    set = recs;
    state.signals.set(signal, recs);
    // Holds only records and light entries (no page objects); the browser drops it with the signal.
    const onAbort = () => {
      const all = newArray<ListenerRec | LightEntry>();
      recs.forEach((r) => {
        push(all, r);
      });
      for (let i = 0; i < all.length; i++) {
        const r = all[i];
        if (isLight(r)) lightForgetEntry(state, r);
        else forgetListener(state, r);
      }
    };
    apply(nativeAdd, signal, ['abort', onAbort, { __proto__: null, once: true }]);
  }
  return set;
}

function record(
  state: HookState,
  holder: Holder,
  type: string,
  listener: object,
  capture: boolean,
  once: boolean,
  passive: boolean,
  signal: AbortSignal | undefined,
  wrapper: OnceWrapper | null,
  self: object,
  first: ListenerRec | undefined,
): ListenerRec {
  let rec: ListenerRec;
  if (pooled > 0) {
    // A forgotten record, reused (see forgetListener): one allocation less per registration, less GC on churn.
    rec = pool[--pooled];
    pool[pooled] = null as unknown as ListenerRec; // no stale reference to a live record
    rec.id = state.nextId++;
    rec.holder = holder.ref;
    rec.type = type;
    rec.capture = capture;
    rec.once = once;
    rec.passive = passive;
    rec.signal = null;
    rec.wrapped = wrapper !== null;
    rec.callsite = traceFor(state, self as () => void);
    rec.addedAt = now();
    rec.sibling = first ?? null;
    rec.prev = null;
    rec.next = state.head;
    rec.live = true;
    rec.sent = false;
  } else {
    rec = {
      light: false,
      id: state.nextId++,
      holder: holder.ref,
      type,
      capture,
      once,
      passive,
      signal: null,
      wrapped: wrapper !== null,
      callsite: traceFor(state, self as () => void),
      addedAt: now(),
      sibling: first ?? null,
      prev: null,
      next: state.head,
      live: true,
      sent: false,
    };
  }
  slotSet(holder, listener, rec);
  if (wrapper) {
    wrapperSet(holder, rec, wrapper);
  }
  if (state.head) state.head.prev = rec;
  state.head = rec;
  state.listenerCount++;
  if (signal !== undefined) {
    rec.signal = signalSet(state, signal);
    rec.signal.add(rec);
  }
  return rec;
}

/** The browser's once-wrapper: forgets the record, then calls the page's listener as the browser would. */
function onceWrapper(
  state: HookState,
  listener: object,
  box: { rec: ListenerRec | LightEntry | null },
): OnceWrapper {
  return function (this: unknown) {
    try {
      const r = box.rec;
      if (r) {
        if (isLight(r)) lightForgetEntry(state, r, listener);
        else forgetListener(state, r, listener);
      }
    } catch {}
    if (typeof listener === 'function') return apply(listener, this, arguments);
    const handleEvent = (listener as { handleEvent: unknown }).handleEvent;
    return apply(handleEvent as () => unknown, listener, arguments);
  };
}

/** Whether the detailed registry may take another record (sweeping collected targets first when due). */
function hasRoom(state: HookState): boolean {
  if (state.listenerCount >= state.sweepAt) sweepListeners(state);
  if (state.listenerCount < LIMITS.maxListenerRecords) return true;
  // Full: reclaim records of collected targets now and then (not on every call: a sweep is O(records)).
  if (state.overflowSinceSweep++ % OVERFLOW_SWEEP_EVERY === 0) {
    sweepListeners(state);
    if (state.listenerCount < LIMITS.maxListenerRecords) return true;
  }
  return false;
}

/** Installs the wrappers on `proto` (EventTarget.prototype in a browser; tests may pass the owner they have). */
export function installListeners(proto: object = EventTarget.prototype): void {
  const wrappers = {
    addEventListener(this: unknown, type: unknown, listener: unknown, options?: unknown): unknown {
      const argc = arguments.length;
      // Too few arguments, non-object listeners (null, undefined, primitives): native decides, nothing to track.
      if (argc < 2 || !isObj(listener) || typeof type === 'symbol') return apply(nativeAdd, this, arguments);
      const typeStr = typeof type === 'string' ? type : `${type as string}`;
      let capture: boolean;
      let once = false;
      let passive = false;
      let signal: AbortSignal | undefined;
      if (isObj(options)) {
        const o = options as Record<string, unknown>;
        const c = o.capture;
        const on = o.once;
        const p = o.passive;
        const s = o.signal;
        capture = !!c;
        once = !!on;
        passive = !!p;
        signal = s as AbortSignal | undefined;
        options = { capture: c, once: on, passive: p, signal: s };
      } else capture = !!options;
      // A bare `addEventListener(…)` call reaches the browser with no receiver and means the window.
      const target = this ?? dom.window;
      let existing: ListenerRec | undefined;
      let holder: Holder | undefined;
      let first: ListenerRec | undefined;
      let light: number | LightEntry | undefined;
      try {
        existing = find(leakscopeState, target, typeStr, listener, capture);
        holder = foundHolder;
        first = foundFirst;
        foundHolder = undefined; // must not keep the last target alive
        foundFirst = undefined;
        if (!existing && holder !== undefined && holder.light !== null) {
          light = lightFind(leakscopeState, holder, typeStr, listener, capture);
        }
      } catch {}
      if (existing) {
        // A duplicate: the browser ignores it, but must compare against what it really holds.
        const cb = existing.wrapped ? wrapperOf(existing) : listener;
        return callAdd(this, typeStr, cb, options);
      }
      if (light !== undefined)
        return callAdd(this, typeStr, lightWrapper(holder!, light) ?? listener, options);
      let box: { rec: ListenerRec | LightEntry | null } | null = null;
      let wrapper: OnceWrapper | null = null;
      let detailed = false;
      try {
        detailed = hasRoom(leakscopeState);
        if (once) {
          box = { rec: null };
          wrapper = onceWrapper(leakscopeState, listener, box);
        }
      } catch {}
      const cb = wrapper ?? listener;
      const result = callAdd(this, typeStr, cb, options);
      try {
        // An already aborted signal means the browser added nothing.
        if (signal !== undefined && apply(dom.signalAborted, signal, [])) return result;
        holder ??= holderFor(leakscopeState, target as EventTarget);
        if (!detailed) {
          const e = lightAdd(leakscopeState, holder, typeStr, listener, capture, wrapper, signal, (s) =>
            signalSet(leakscopeState, s),
          );
          if (box) box.rec = e;
          return result;
        }
        const rec = record(
          leakscopeState,
          holder,
          typeStr,
          listener,
          capture,
          once,
          passive,
          signal,
          wrapper,
          wrappers.addEventListener,
          first,
        );
        if (box) box.rec = rec;
      } catch {}
      return result;
    },

    removeEventListener(this: unknown, type: unknown, listener: unknown, options?: unknown): unknown {
      const argc = arguments.length;
      if (argc < 2 || !isObj(listener) || typeof type === 'symbol')
        return apply(nativeRemove, this, arguments);
      const typeStr = typeof type === 'string' ? type : `${type as string}`;
      let capture: boolean;
      if (isObj(options)) {
        const raw = (options as { capture?: unknown }).capture;
        capture = !!raw;
        options = { capture: raw };
      } else capture = !!options;
      let rec: ListenerRec | undefined;
      let holder: Holder | undefined;
      let first: ListenerRec | undefined;
      let light: number | LightEntry | undefined;
      let cb: unknown = listener;
      try {
        rec = find(leakscopeState, this ?? dom.window, typeStr, listener, capture);
        holder = foundHolder;
        first = foundFirst;
        foundHolder = undefined; // must not keep the last target alive
        foundFirst = undefined;
        if (rec) {
          if (rec.wrapped) cb = wrapperOf(rec);
        } else if (holder !== undefined && holder.light !== null) {
          light = lightFind(leakscopeState, holder, typeStr, listener, capture);
          if (light !== undefined) cb = lightWrapper(holder, light) ?? listener;
        }
      } catch {}
      const result = callRemove(this, typeStr, cb, options);
      try {
        if (rec) forgetListener(leakscopeState, rec, listener, holder, first);
        else if (light !== undefined) lightForget(leakscopeState, holder!, listener, light);
      } catch {}
      return result;
    },
  };
  for (const name of ['addEventListener', 'removeEventListener'] as const) {
    const original = name === 'addEventListener' ? nativeAdd : nativeRemove;
    // Declared with `options` (cheaper than reading `arguments[2]`), so `length` is set back to the native 2.
    defineProperty(wrappers[name], 'length', { value: 2 });
    if (!replaceProperty(proto, name, wrappers[name], original)) push(leakscopeState.untrackedApis, name);
  }
}
