// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import type { Callsite } from '../../src/protocol/messages.ts';
import { type Trace, traceFor, withCallsites } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import {
  apply,
  defineProperty,
  getOwnDescriptor,
  getPrototypeOf,
  now,
  push,
  SafeWeakMap,
  SafeWeakRef,
} from './pristine.ts';
import { type HookState, leakscopeState, type ObserverRec } from './state.ts';

/**
 * Records MutationObserver, ResizeObserver, IntersectionObserver and PerformanceObserver instances so the live scan
 * can use their callbacks as roots: the browser keeps an observing observer (and so its callback's closure) alive,
 * but no JavaScript property leads to the callback. Records hold the observer and the callback only through
 * WeakRefs (an observer the page dropped stays collectable); callbacks are handed to the browser untouched, so they
 * run with the browser's `this` and arguments.
 *
 * The constructor is replaced by a plain function that forwards to the native with `Reflect.construct(native, args,
 * new.target)`: `new.target` keeps subclassing working, `prototype` is the native's prototype (so instanceof and
 * getPrototypeOf are unchanged) and the prototype's `constructor` points back to the wrapper; called without `new`
 * it calls the native, which throws its own TypeError.
 */

const KINDS = ['MutationObserver', 'ResizeObserver', 'IntersectionObserver', 'PerformanceObserver'] as const;
/** Observer kinds whose `unobserve(target)` can end the last observation. */
const TARGETED: Record<string, boolean> = {
  __proto__: null,
  ResizeObserver: true,
  IntersectionObserver: true,
} as unknown as Record<string, boolean>;
const construct = Reflect.construct;
const ownKeys = Reflect.ownKeys;

type AnyFn = (...args: unknown[]) => unknown;

/** observer → its record (for observe/unobserve/disconnect); weak, so it keeps nothing alive. */
const byObserver = new SafeWeakMap<object, ObserverRec>();

/** Forgets records whose observer was collected, when the registry doubled since the last sweep. */
function sweep(state: HookState): void {
  const dead: number[] = [];
  state.observers.forEach((rec, id) => {
    if (rec.observer.deref() === undefined) push(dead, id);
  });
  for (let i = 0; i < dead.length; i++) state.observers.delete(dead[i]);
  state.observerSweepAt = state.observers.size * 2 + 256;
}

function record(state: HookState, kind: string, observer: object, callback: unknown, self: AnyFn): void {
  if (typeof callback !== 'function') return;
  if (state.observers.size >= state.observerSweepAt) sweep(state);
  const rec: ObserverRec = {
    id: state.nextId++,
    kind,
    observer: new SafeWeakRef(observer),
    callback: new SafeWeakRef(callback),
    targets: TARGETED[kind] ? new SafeWeakMap() : null,
    observing: 0,
    callsite: callsiteOf(traceFor(state, self)),
    createdAt: now(),
  };
  state.observers.set(rec.id, rec);
  byObserver.set(observer, rec);
}

/**
 * Formats a trace right away: the raw frames V8 keeps until then hold the caller's function and receiver (often the
 * widget that owns the observer), and nothing else formats these records (they are not sent in batches).
 */
function callsiteOf(trace: Trace | null): Callsite | null {
  return trace ? withCallsites((format) => format(trace)) : null;
}

/**
 * For the live scan (called over CDP, never by the page): a flat array `[observer, callback, kind, observing,
 * callsite text, …]` of the observers still alive. Our own array, written by index.
 */
function liveObservers(this: unknown): unknown[] {
  const out: unknown[] = [];
  leakscopeState.observers.forEach((rec) => {
    const observer = rec.observer.deref();
    const callback = rec.callback.deref();
    if (observer === undefined || callback === undefined) return;
    const c = rec.callsite;
    push(out, observer);
    push(out, callback);
    push(out, rec.kind);
    push(out, rec.observing > 0);
    push(out, c ? `${c.url}:${c.line}` : null);
  });
  return out;
}

function wrapConstructor(state: HookState, kind: string, native: AnyFn): AnyFn {
  // A plain strict function: constructible, own keys `length`, `name`, `prototype` like the native's.
  const wrapper = function (this: unknown, _callback: unknown): unknown {
    if (new.target === undefined) return apply(native, this, arguments);
    const observer = construct(native, arguments, new.target) as object;
    try {
      record(state, kind, observer, arguments[0], wrapper);
    } catch {}
    return observer;
  };
  defineProperty(wrapper, 'name', { value: kind });
  defineProperty(wrapper, 'length', { value: native.length });
  defineProperty(wrapper, 'prototype', { value: native.prototype, writable: false });
  Reflect.setPrototypeOf(wrapper, getPrototypeOf(native));
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

/** Wraps a prototype method: the native runs first (its errors and return value are the page's), then `after`. */
function wrapMethod(proto: object, name: string, after: (rec: ObserverRec, args: IArguments) => void): void {
  const native = getOwnDescriptor(proto, name)?.value as AnyFn | undefined;
  if (typeof native !== 'function') return;
  const wrappers: Record<string, AnyFn> = {
    observe(this: unknown) {
      const r = apply(native, this, arguments);
      const rec = byObserver.get(this as object);
      if (rec) after(rec, arguments);
      return r;
    },
    unobserve(this: unknown) {
      const r = apply(native, this, arguments);
      const rec = byObserver.get(this as object);
      if (rec) after(rec, arguments);
      return r;
    },
    disconnect(this: unknown) {
      const r = apply(native, this, arguments);
      const rec = byObserver.get(this as object);
      if (rec) after(rec, arguments);
      return r;
    },
  };
  const wrapper = wrappers[name];
  defineProperty(wrapper, 'length', { value: native.length });
  replaceProperty(proto, name, wrapper, native);
}

function observed(rec: ObserverRec, args: IArguments): void {
  const target = args[0];
  if (rec.targets === null) {
    rec.observing = 1;
  } else if (!rec.targets.has(target as object)) {
    // The native accepted it, so it is an Element.
    rec.targets.set(target as object, true);
    rec.observing++;
  }
}

function unobserved(rec: ObserverRec, args: IArguments): void {
  const target = args[0];
  if (rec.targets?.delete(target as object)) rec.observing--;
}

function disconnected(rec: ObserverRec): void {
  rec.observing = 0;
  if (rec.targets) rec.targets = new SafeWeakMap();
}

export function installObservers(): void {
  const state = leakscopeState;
  state.liveObservers = liveObservers;
  const g = globalThis as unknown as Record<string, AnyFn>;
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
      wrapMethod(proto, 'observe', observed);
      if (TARGETED[kind]) wrapMethod(proto, 'unobserve', unobserved);
      wrapMethod(proto, 'disconnect', disconnected);
    } catch {
      push(state.untrackedApis, kind);
    }
  }
}
