// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import { LIMITS } from '../../src/protocol/messages.ts';
import { captureTrace } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import { apply, dom, now, push, SafeMap, SafeWeakRef } from './pristine.ts';
import { type Holder, type HookState, type ListenerRec, leakscopeState, type OnceWrapper } from './state.ts';

/**
 * Wraps EventTarget.prototype.addEventListener/removeEventListener. The browser keeps doing all the work
 * (validation, duplicate detection, dispatch); the hook only mirrors live registrations. The one exception is
 * `once`: the browser is given a small wrapper so the hook can see the listener fire, and the hook maps the
 * page's listener to that wrapper for duplicate checks and removal.
 */

const nativeAdd = dom.addEventListener;
const nativeRemove = dom.removeEventListener;
const isObj = (x: unknown): x is object => (typeof x === 'object' && x !== null) || typeof x === 'function';

/** Options read once, in the browser's order (capture, once, passive, signal), passed on as a plain copy. */
interface Flags {
  capture: boolean;
  once: boolean;
  /** The raw values, so unspecified stays unspecified (Chrome defaults `passive` per target and type). */
  copy: { capture: unknown; once: unknown; passive: unknown; signal: unknown } | null;
  passive: boolean;
  signal: AbortSignal | undefined;
}

function readAddOptions(options: unknown): Flags {
  if (!isObj(options)) {
    return { capture: !!options, once: false, passive: false, signal: undefined, copy: null };
  }
  const o = options as Record<string, unknown>;
  const capture = o.capture;
  const once = o.once;
  const passive = o.passive;
  const signal = o.signal;
  return {
    capture: !!capture,
    once: !!once,
    passive: !!passive,
    signal: signal as AbortSignal | undefined,
    copy: { capture, once, passive, signal },
  };
}

function find(state: HookState, target: unknown, type: string, listener: object, capture: boolean) {
  const holder = isObj(target) ? state.holders.get(target as EventTarget) : undefined;
  let rec: ListenerRec | null = holder?.byListener.get(listener) ?? null;
  while (rec && (rec.type !== type || rec.capture !== capture)) rec = rec.sibling;
  return rec ?? undefined;
}

const wrapperOf = (rec: ListenerRec): OnceWrapper | undefined => rec.holder.deref()?.wrappers?.get(rec);

function holderFor(state: HookState, target: EventTarget): Holder {
  let holder = state.holders.get(target);
  if (!holder) {
    holder = {
      target,
      byListener: new SafeMap(),
      ref: null as unknown as SafeWeakRef<Holder>,
      wrappers: null,
    };
    holder.ref = new SafeWeakRef(holder);
    state.holders.set(target, holder);
  }
  return holder;
}

/** Drops a record: from the live list, from its target's map, from its signal. Never throws. */
export function forgetListener(state: HookState, rec: ListenerRec, listener?: object): void {
  if (!rec.live) return;
  rec.live = false;
  if (rec.prev) rec.prev.next = rec.next;
  else state.head = rec.next;
  if (rec.next) rec.next.prev = rec.prev;
  rec.prev = rec.next = null;
  state.listenerCount--;
  const holder = rec.holder.deref();
  if (holder) {
    holder.wrappers?.delete(rec);
    // Find the listener key: given by the caller, or by scanning this target's (small) map.
    if (listener === undefined) {
      holder.byListener.forEach((first, key) => {
        for (let r: ListenerRec | null = first; r; r = r.sibling) if (r === rec) listener = key;
      });
    }
    if (listener !== undefined) {
      const first = holder.byListener.get(listener);
      if (first === rec) {
        if (rec.sibling) holder.byListener.set(listener, rec.sibling);
        else holder.byListener.delete(listener);
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
  const signal = rec.signal?.deref();
  if (signal && rec.onAbort) apply(nativeRemove, signal, ['abort', rec.onAbort]);
  rec.signal = null;
  rec.onAbort = null;
  if (state.connected && rec.sent) push(state.removedListeners, rec.id);
}

/** Forgets records whose target was collected; keeps dead records at most about as many as live ones. */
export function sweepListeners(state: HookState): void {
  for (let rec = state.head; rec; ) {
    const next = rec.next;
    if (!rec.holder.deref()) forgetListener(state, rec);
    rec = next;
  }
  state.sweepAt = state.listenerCount * 2 + 1024;
}

function record(
  state: HookState,
  target: EventTarget,
  type: string,
  listener: object,
  f: Flags,
  wrapper: OnceWrapper | null,
  self: object,
): ListenerRec {
  const holder = holderFor(state, target);
  const rec: ListenerRec = {
    id: state.nextId++,
    holder: holder.ref,
    type,
    capture: f.capture,
    once: f.once,
    passive: f.passive,
    signal: null,
    onAbort: null,
    wrapped: wrapper !== null,
    callsite: state.detail ? captureTrace(self as () => void) : null,
    addedAt: now(),
    sibling: holder.byListener.get(listener) ?? null,
    prev: null,
    next: state.head,
    live: true,
    sent: false,
  };
  holder.byListener.set(listener, rec);
  if (wrapper) {
    holder.wrappers ??= new SafeMap();
    holder.wrappers.set(rec, wrapper);
  }
  if (state.head) state.head.prev = rec;
  state.head = rec;
  state.listenerCount++;
  if (f.signal !== undefined) {
    rec.signal = new SafeWeakRef(f.signal);
    // Not given `listener`: the signal may outlive the target, and must not keep the page's listener alive.
    rec.onAbort = () => forgetListener(state, rec);
    apply(nativeAdd, f.signal, ['abort', rec.onAbort, { __proto__: null, once: true }]);
  }
  if (state.connected) push(state.addedListeners, rec);
  return rec;
}

/** The browser's once-wrapper: forgets the record, then calls the page's listener as the browser would. */
function onceWrapper(state: HookState, listener: object, box: { rec: ListenerRec | null }) {
  return function (this: unknown) {
    try {
      if (box.rec) forgetListener(state, box.rec, listener);
    } catch {}
    if (typeof listener === 'function') {
      return apply(listener, this, arguments);
    }
    const handleEvent = (listener as { handleEvent: unknown }).handleEvent;
    return apply(handleEvent as () => unknown, listener, arguments);
  };
}

const OVERFLOW_SWEEP_EVERY = 4096;

/** Whether the registry may take another record (sweeping collected targets first when due). */
function hasRoom(state: HookState): boolean {
  if (state.listenerCount >= state.sweepAt) sweepListeners(state);
  if (state.listenerCount < LIMITS.maxListenerRecords) return true;
  // Full: reclaim records of collected targets now and then (not on every call: a sweep is O(records)).
  if (state.overflowSinceSweep++ % OVERFLOW_SWEEP_EVERY === 0) {
    sweepListeners(state);
    if (state.listenerCount < LIMITS.maxListenerRecords) return true;
  }
  state.listenerOverflow = true;
  state.untracked++;
  return false;
}

export function installListeners(): void {
  const proto = EventTarget.prototype;
  const wrappers = {
    addEventListener(this: unknown, type: unknown, listener: unknown): unknown {
      // Non-object listeners (null, undefined, primitives) and too few arguments: native decides, nothing to track.
      if (arguments.length < 2 || !isObj(listener) || typeof type === 'symbol') {
        return apply(nativeAdd, this, arguments);
      }
      const typeStr = typeof type === 'string' ? type : `${type as string}`;
      const f = readAddOptions(arguments[2]);
      // A bare `addEventListener(…)` call reaches the browser with no receiver and means the window.
      const target = this ?? dom.window;
      let existing: ListenerRec | undefined;
      try {
        existing = find(leakscopeState, target, typeStr, listener, f.capture);
      } catch {}
      let args: ArrayLike<unknown> = arguments;
      if (f.copy || typeStr !== type) args = [typeStr, listener, f.copy ?? arguments[2]];
      if (existing) {
        // A duplicate: the browser ignores it, but must compare against what it really holds.
        if (existing.wrapped) args = [typeStr, wrapperOf(existing), f.copy ?? arguments[2]];
        return apply(nativeAdd, this, args);
      }
      let box: { rec: ListenerRec | null } | null = null;
      let track = false;
      try {
        track = (!f.once || !leakscopeState.listenerOverflow) && hasRoom(leakscopeState);
        if (track && f.once) {
          box = { rec: null };
          args = [typeStr, onceWrapper(leakscopeState, listener, box), f.copy ?? arguments[2]];
        }
      } catch {}
      const result = apply(nativeAdd, this, args);
      if (!track) return result;
      try {
        // An already aborted signal means the browser added nothing.
        if (f.signal !== undefined && apply(dom.signalAborted, f.signal, [])) return result;
        const rec = record(
          leakscopeState,
          target as EventTarget,
          typeStr,
          listener,
          f,
          box ? (args[1] as OnceWrapper) : null,
          wrappers.addEventListener,
        );
        if (box) box.rec = rec;
      } catch {}
      return result;
    },

    removeEventListener(this: unknown, type: unknown, listener: unknown): unknown {
      if (arguments.length < 2 || !isObj(listener) || typeof type === 'symbol') {
        return apply(nativeRemove, this, arguments);
      }
      const typeStr = typeof type === 'string' ? type : `${type as string}`;
      const options = arguments[2];
      let capture: boolean;
      let args: ArrayLike<unknown> = arguments;
      if (isObj(options)) {
        const raw = (options as { capture?: unknown }).capture;
        capture = !!raw;
        args = [typeStr, listener, { capture: raw }];
      } else {
        capture = !!options;
        if (typeStr !== type) args = [typeStr, listener, options];
      }
      let rec: ListenerRec | undefined;
      try {
        rec = find(leakscopeState, this ?? dom.window, typeStr, listener, capture);
        if (rec?.wrapped) args = [typeStr, wrapperOf(rec), args[2]];
      } catch {}
      const result = apply(nativeRemove, this, args);
      if (rec) {
        try {
          forgetListener(leakscopeState, rec, listener);
        } catch {}
      }
      return result;
    },
  };
  for (const name of ['addEventListener', 'removeEventListener'] as const) {
    const original = name === 'addEventListener' ? nativeAdd : nativeRemove;
    if (!replaceProperty(proto, name, wrappers[name], original)) push(leakscopeState.untrackedApis, name);
  }
}
