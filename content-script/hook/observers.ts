// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import type { Callsite } from '../../src/protocol/index.ts';
import { type Trace, traceFor, withCallsites } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import {
  apply,
  callable,
  defineProperty,
  getOwnDescriptor,
  getPrototypeOf,
  push,
  SafeWeakRef,
} from './pristine.ts';
import { type HookState, leakscopeState, type ObserverRec } from './state.ts';

/**
 * Records MutationObserver, ResizeObserver, IntersectionObserver and PerformanceObserver instances so the live scan
 * can use their callbacks as roots: the browser keeps an observing observer (and so its callback's closure) alive,
 * but no JavaScript property leads to the callback. The hook holds observers only weakly: a list of WeakRefs, and
 * a WeakMap observer → record (the record, and the callback in it, live exactly as long as the observer). Callbacks
 * are handed to the browser untouched, so they run with the browser's `this` and arguments.
 *
 * The constructor is replaced by a plain function that forwards to the native (`Reflect.construct(native, args,
 * new.target)`; plain `new native(…)` when new.target is the wrapper itself, which gives the same prototype):
 * `new.target` keeps subclassing working, `prototype` is the native's prototype (so instanceof and getPrototypeOf
 * are unchanged) and the prototype's `constructor` points back to the wrapper; called without `new` it calls the
 * native, which throws its own TypeError. `observe` / `disconnect` only flip the record's `observing` flag.
 */

const KINDS = ['MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver'] as const;
const construct = Reflect.construct;
const ownKeys = Reflect.ownKeys;
const setPrototypeOf = Reflect.setPrototypeOf;

type AnyFn = (...args: unknown[]) => unknown;
type Ctor = new (...args: unknown[]) => object;
type Caller = (self: unknown, ...args: unknown[]) => unknown;

/** Forgets the WeakRefs of collected observers; runs when the list has doubled since the last sweep. */
function sweep(state: HookState): void {
  const refs = state.observerRefs;
  let j = 0;
  for (let i = 0; i < refs.length; i++) if (refs[i].deref() !== undefined) refs[j++] = refs[i];
  refs.length = j;
  state.observerSweepAt = j * 2 + 256;
}

/**
 * Formats a trace right away: the raw frames V8 keeps until then hold the caller's function and receiver (often the
 * widget that owns the observer), and nothing else formats these records (they are not sent in batches).
 */
function callsiteOf(trace: Trace | null): Callsite | null {
  return trace ? withCallsites((format) => format(trace)) : null;
}

function record(state: HookState, kind: string, observer: object, callback: unknown, self: AnyFn): void {
  if (typeof callback !== 'function') return;
  const refs = state.observerRefs;
  if (refs.length >= state.observerSweepAt) sweep(state);
  refs[refs.length] = new SafeWeakRef(observer);
  const rec: ObserverRec = {
    kind,
    callback: callback as AnyFn,
    observing: false,
    callsite: state.detail ? callsiteOf(traceFor(state, self)) : null,
  };
  state.observerRecs.set(observer, rec);
}

/**
 * For the live scan (called over CDP, never by the page): a flat array `[observer, callback, kind, observing,
 * callsite text, …]` of the observers still alive. Our own array, written by index.
 */
function liveObservers(this: unknown): unknown[] {
  const state = leakscopeState;
  const out: unknown[] = [];
  // Index writes must not find a setter the page put on Array.prototype.
  setPrototypeOf(out, null);
  const refs = state.observerRefs;
  for (let i = 0; i < refs.length; i++) {
    const observer = refs[i].deref();
    const rec = observer === undefined ? undefined : state.observerRecs.get(observer);
    if (rec === undefined) continue;
    const c = rec.callsite;
    push(out, observer);
    push(out, rec.callback);
    push(out, rec.kind);
    push(out, rec.observing);
    push(out, c ? `${c.url}:${c.line}` : null);
  }
  return out;
}

function wrapConstructor(state: HookState, kind: string, native: Ctor): AnyFn {
  // A plain strict function: constructible, own keys `length`, `name`, `prototype` like the native's.
  const wrapper = function (this: unknown, _callback: unknown): unknown {
    if (new.target === undefined) return apply(native as unknown as AnyFn, this, arguments);
    const n = arguments.length;
    const observer =
      new.target !== wrapper
        ? construct(native, arguments, new.target)
        : n === 1
          ? new native(arguments[0])
          : n === 2
            ? new native(arguments[0], arguments[1])
            : construct(native, arguments);
    try {
      record(state, kind, observer, arguments[0], wrapper);
    } catch {}
    return observer;
  };
  defineProperty(wrapper, 'name', { value: kind });
  defineProperty(wrapper, 'length', { value: native.length });
  defineProperty(wrapper, 'prototype', { value: native.prototype, writable: false });
  setPrototypeOf(wrapper, getPrototypeOf(native));
  // Static members (PerformanceObserver.supportedEntryTypes), in the native's order.
  const keys = ownKeys(native);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === 'length' || k === 'name' || k === 'prototype') continue;
    const d = getOwnDescriptor(native, k);
    if (d) defineProperty(wrapper, k, d);
  }
  return wrapper;
}

/** Wraps `observe` / `disconnect`: the native runs first (its errors and result are the page's), then the flag. */
function wrapMethod(state: HookState, proto: object, name: 'observe' | 'disconnect'): void {
  const native = getOwnDescriptor(proto, name)?.value as AnyFn | undefined;
  if (typeof native !== 'function') return;
  const call = callable(native) as Caller;
  const recs = state.observerRecs;
  const wrapper =
    name === 'observe'
      ? {
          observe(this: unknown) {
            const n = arguments.length;
            const r =
              n === 1
                ? call(this, arguments[0])
                : n === 2
                  ? call(this, arguments[0], arguments[1])
                  : apply(native, this, arguments);
            const rec = recs.get(this as object);
            if (rec !== undefined) rec.observing = true;
            return r;
          },
        }.observe
      : {
          disconnect(this: unknown) {
            const r = arguments.length === 0 ? call(this) : apply(native, this, arguments);
            const rec = recs.get(this as object);
            if (rec !== undefined) rec.observing = false;
            return r;
          },
        }.disconnect;
  defineProperty(wrapper, 'length', { value: native.length });
  if (!replaceProperty(proto, name, wrapper, native)) push(state.untrackedApis, `${name}`);
}

export function installObservers(): void {
  const state = leakscopeState;
  state.liveObservers = liveObservers;
  // Written by index on page calls: no setter the page puts on Array.prototype may run.
  setPrototypeOf(state.observerRefs, null);
  const g = globalThis as unknown as Record<string, Ctor>;
  for (const kind of KINDS) {
    const native = g[kind];
    if (typeof native !== 'function') continue;
    try {
      const proto = native.prototype as object;
      const wrapper = wrapConstructor(state, kind, native);
      if (!replaceProperty(globalThis, kind, wrapper, native)) {
        push(state.untrackedApis, kind);
        continue;
      }
      // Chromium's legacy alias is the same function; keep it so.
      if (kind === 'MutationObserver') replaceProperty(globalThis, 'WebKitMutationObserver', wrapper, native);
      const ctor = getOwnDescriptor(proto, 'constructor');
      if (ctor && ctor.value === native) defineProperty(proto, 'constructor', { ...ctor, value: wrapper });
      wrapMethod(state, proto, 'observe');
      wrapMethod(state, proto, 'disconnect');
    } catch {
      push(state.untrackedApis, kind);
    }
  }
}
