// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import { LIMITS, type TimerKind } from '../../src/protocol/index.ts';
import { traceFor } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import { FRAME, INTERVAL, lightTimerAdd, lightTimerDone, sweepLightTimers, TIMEOUT } from './light.ts';
import { apply, callable, defineProperty, newArray, now, push } from './pristine.ts';
import { type HookState, leakscopeState, type TimerRec } from './state.ts';

/**
 * Wraps setTimeout/setInterval/requestAnimationFrame and their clear functions. Function callbacks are handed
 * to the browser inside a small wrapper that updates the record and then calls the page's callback with the
 * browser's `this` and arguments; exceptions pass through untouched. Ids and return values are the browser's.
 */

type AnyFn = (...args: unknown[]) => unknown;
const g = globalThis as unknown as Record<string, AnyFn>;
const natives = {
  setTimeout: g.setTimeout,
  setInterval: g.setInterval,
  clearTimeout: g.clearTimeout,
  clearInterval: g.clearInterval,
  requestAnimationFrame: g.requestAnimationFrame,
  cancelAnimationFrame: g.cancelAnimationFrame,
};

export function forgetTimer(state: HookState, rec: TimerRec): void {
  if (state.timers.get(rec.id) !== rec) return;
  state.timers.delete(rec.id);
  state.ranTimers.delete(rec.id);
  if (state.connected && rec.sent) push(state.removedTimers, rec.id);
}

/** Forgets string timeouts whose time has passed (the browser gives no signal when they run). */
export function sweepTimers(state: HookState): void {
  const t = now();
  sweepLightTimers(state, t);
  const expired = newArray<TimerRec>();
  state.timers.forEach((rec) => {
    if (rec.expiresAt <= t) push(expired, rec);
  });
  for (let i = 0; i < expired.length; i++) forgetTimer(state, expired[i]);
}

/** Timers refused since the registry was last found full; a sweep then happens every OVERFLOW_SWEEP_EVERY of them. */
let overflowSinceSweep = 0;
const OVERFLOW_SWEEP_EVERY = 4096;

function hasRoom(state: HookState): boolean {
  if (state.timers.size < LIMITS.maxTimerRecords) return true;
  // Full: reclaim expired string timeouts now and then, not on every call (a sweep is O(records): sweeping on each
  // registration made 100,000 timers take 40× their native time).
  if (overflowSinceSweep++ % OVERFLOW_SWEEP_EVERY === 0) {
    sweepTimers(state);
    if (state.timers.size < LIMITS.maxTimerRecords) return true;
  }
  return false;
}

function newRec(
  state: HookState,
  kind: TimerKind,
  callback: TimerRec['callback'],
  delay: unknown,
  self: object,
) {
  const createdAt = now();
  // Only finite positive numbers are kept (Infinity or NaN would make the whole batch invalid JSON data).
  const ms = typeof delay === 'number' && delay > 0 && delay < Number.POSITIVE_INFINITY ? delay : 0;
  const rec: TimerRec = {
    id: 0,
    kind,
    callback,
    delay: kind === 'animationFrame' ? 0 : ms,
    callsite: traceFor(state, self as AnyFn),
    createdAt,
    runs: 0,
    lastRunAt: null,
    expiresAt: typeof callback === 'string' && kind === 'timeout' ? createdAt + ms : Number.POSITIVE_INFINITY,
    sent: false,
  };
  return rec;
}

function wrapCallback(state: HookState, rec: TimerRec, callback: AnyFn): AnyFn {
  if (rec.kind === 'interval') {
    return function (this: unknown) {
      try {
        rec.runs++;
        rec.lastRunAt = now();
        if (state.connected && rec.sent) state.ranTimers.set(rec.id, rec);
      } catch {}
      return apply(callback, this, arguments);
    };
  }
  return function (this: unknown) {
    try {
      rec.runs++;
      forgetTimer(state, rec);
    } catch {}
    return apply(callback, this, arguments);
  };
}

const calls = {
  setTimeout: callable(natives.setTimeout),
  setInterval: callable(natives.setInterval),
  requestAnimationFrame: callable(natives.requestAnimationFrame),
  clearTimeout: callable(natives.clearTimeout),
  clearInterval: callable(natives.clearInterval),
  cancelAnimationFrame: callable(natives.cancelAnimationFrame),
};
type Caller = (self: unknown, ...args: unknown[]) => unknown;

/** Calls the native with the exact argument count (direct calls are much cheaper than Reflect.apply). */
function forward(native: AnyFn, call: Caller, receiver: unknown, args: ArrayLike<unknown>): unknown {
  switch (args.length) {
    case 1:
      return call(receiver, args[0]);
    case 2:
      return call(receiver, args[0], args[1]);
    default:
      return apply(native, receiver, args);
  }
}

/** A light timeout's or animation frame's wrapper: counts it off when it runs (the key is set once known). */
function lightCallback(state: HookState, box: { key: number }, callback: AnyFn): AnyFn {
  return function (this: unknown) {
    try {
      lightTimerDone(state, box.key);
    } catch {}
    return apply(callback, this, arguments);
  };
}

/**
 * Calls the native with the page's arguments but `first` as the callback, with the exact argument count and
 * without copying the arguments for the usual counts (an array per call cost a measurable share of a timer flood).
 */
function forwardWith(
  native: AnyFn,
  call: Caller,
  receiver: unknown,
  args: IArguments,
  first: unknown,
): unknown {
  switch (args.length) {
    case 1:
      return call(receiver, first);
    case 2:
      return call(receiver, first, args[1]);
    case 3:
      return call(receiver, first, args[1], args[2]);
    default: {
      const copy = newArray<unknown>();
      for (let i = 0; i < args.length; i++) copy[i] = args[i];
      copy[0] = first;
      return apply(native, receiver, copy);
    }
  }
}

/** What `prepare` decided, read (and cleared) by the wrapper right after the call, before anything can re-enter. */
let preparedRec: TimerRec | null = null;
let preparedLight = -1;
let preparedBox: { key: number } | null = null;

/**
 * First half of a scheduling wrapper: a record (or a light count) for the timer and the callback to hand to the
 * browser instead of the page's (null: pass the page's arguments on as they are). The wrapper itself calls the
 * native, so that while DevTools is open (when V8 captures an async stack trace for every timer scheduled) the
 * hook adds one frame to that stack, not three: that capture made timers 1.5× dearer than native with DevTools open.
 */
function prepare(
  state: HookState,
  kind: TimerKind,
  callback: unknown,
  delay: unknown,
  self: object,
): AnyFn | null {
  preparedRec = null;
  preparedLight = -1;
  preparedBox = null;
  try {
    const isFn = typeof callback === 'function';
    if (kind === 'animationFrame' && !isFn) return null;
    if (hasRoom(state)) {
      const cb = isFn ? (callback as AnyFn) : typeof callback === 'string' ? callback : '';
      const rec = newRec(state, kind, cb, delay, self);
      preparedRec = rec;
      return isFn ? wrapCallback(state, rec, callback as AnyFn) : null;
    }
    // Detail is full: count it (light.ts). Intervals need no wrapper; function timeouts and frames do.
    const light = kind === 'timeout' ? TIMEOUT : kind === 'interval' ? INTERVAL : FRAME;
    preparedLight = light;
    if (isFn && light !== INTERVAL) {
      const box = { key: 0 };
      preparedBox = box;
      return lightCallback(state, box, callback as AnyFn);
    }
  } catch {
    preparedRec = null;
    preparedLight = -1;
    preparedBox = null;
  }
  return null;
}

/** Second half: files the record (or light count) under the id the browser returned. */
function settle(
  state: HookState,
  id: unknown,
  rec: TimerRec | null,
  light: number,
  box: { key: number } | null,
  delay: unknown,
): void {
  try {
    if (rec) {
      rec.id = rec.kind === 'animationFrame' ? -(id as number) : (id as number);
      state.timers.set(rec.id, rec);
    } else if (light >= 0) {
      const key = light === FRAME ? -(id as number) : (id as number);
      if (box) box.key = key;
      lightTimerAdd(state, key, light);
      if (light === TIMEOUT && !box) {
        // A string (or other non-function) timeout cannot be observed running: forget it once its delay passed.
        const ms = typeof delay === 'number' && delay > 0 && delay < Number.POSITIVE_INFINITY ? delay : 0;
        state.lightExpiry.set(key, now() + ms);
      }
    }
  } catch {}
}

/**
 * Shared body of the clear wrappers. The id is converted exactly once: numbers here, objects by the browser
 * through a probe whose valueOf converts the page's object and remembers the result.
 */
function clear(
  state: HookState,
  native: AnyFn,
  call: Caller,
  frames: boolean,
  receiver: unknown,
  args: IArguments,
): unknown {
  const raw = args[0];
  let n: number | null = null;
  let forwarded: ArrayLike<unknown> = args;
  if (typeof raw === 'number') n = raw;
  else if (raw === undefined || raw === null || typeof raw === 'string' || typeof raw === 'boolean') n = +raw;
  else if ((typeof raw === 'object' || typeof raw === 'function') && args.length > 0) {
    forwarded = [
      {
        __proto__: null,
        valueOf() {
          n = +(raw as number);
          return n;
        },
      },
    ];
  }
  const result = forward(native, call, receiver, forwarded);
  if (n !== null) {
    try {
      // WebIDL conversion: `long` for timers (ToInt32), `unsigned long` for animation frames (ToUint32).
      const key = frames ? -(n >>> 0) : n | 0;
      // Timer ids are positive; keys ≤ 0 belong to animation frames, which only cancelAnimationFrame cancels.
      const rec = frames || key > 0 ? state.timers.get(key) : undefined;
      if (rec) forgetTimer(state, rec);
      else if ((frames || key > 0) && state.lightTimers.size !== 0) lightTimerDone(state, key);
    } catch {}
  }
  return result;
}

export function installTimers(): void {
  const wrappers = {
    setTimeout(this: unknown, handler: unknown, timeout?: unknown): unknown {
      const argc = arguments.length;
      if (argc === 0) return apply(natives.setTimeout, this, arguments);
      const wrapped = prepare(leakscopeState, 'timeout', handler, timeout, wrappers.setTimeout);
      const rec = preparedRec;
      const light = preparedLight;
      const box = preparedBox;
      preparedRec = null;
      preparedBox = null;
      const cb = wrapped ?? handler;
      // The native is called right here (see prepare), with the page's argument count.
      const id =
        argc === 2
          ? calls.setTimeout(this, cb, timeout)
          : argc === 1
            ? calls.setTimeout(this, cb)
            : forwardWith(natives.setTimeout, calls.setTimeout, this, arguments, cb);
      settle(leakscopeState, id, rec, light, box, timeout);
      return id;
    },
    setInterval(this: unknown, handler: unknown, timeout?: unknown): unknown {
      const argc = arguments.length;
      if (argc === 0) return apply(natives.setInterval, this, arguments);
      const wrapped = prepare(leakscopeState, 'interval', handler, timeout, wrappers.setInterval);
      const rec = preparedRec;
      const light = preparedLight;
      const box = preparedBox;
      preparedRec = null;
      preparedBox = null;
      const cb = wrapped ?? handler;
      // The native is called right here (see prepare), with the page's argument count.
      const id =
        argc === 2
          ? calls.setInterval(this, cb, timeout)
          : argc === 1
            ? calls.setInterval(this, cb)
            : forwardWith(natives.setInterval, calls.setInterval, this, arguments, cb);
      settle(leakscopeState, id, rec, light, box, timeout);
      return id;
    },
    requestAnimationFrame(this: unknown, handler: unknown): unknown {
      const argc = arguments.length;
      if (argc === 0) return apply(natives.requestAnimationFrame, this, arguments);
      const wrapped = prepare(
        leakscopeState,
        'animationFrame',
        handler,
        arguments[1],
        wrappers.requestAnimationFrame,
      );
      const rec = preparedRec;
      const light = preparedLight;
      const box = preparedBox;
      preparedRec = null;
      preparedBox = null;
      const cb = wrapped ?? handler;
      // The native is called right here (see prepare), with the page's argument count.
      const id =
        argc === 2
          ? calls.requestAnimationFrame(this, cb, arguments[1])
          : argc === 1
            ? calls.requestAnimationFrame(this, cb)
            : forwardWith(natives.requestAnimationFrame, calls.requestAnimationFrame, this, arguments, cb);
      settle(leakscopeState, id, rec, light, box, arguments[1]);
      return id;
    },
    clearTimeout(this: unknown): unknown {
      return clear(leakscopeState, natives.clearTimeout, calls.clearTimeout, false, this, arguments);
    },
    clearInterval(this: unknown): unknown {
      return clear(leakscopeState, natives.clearInterval, calls.clearInterval, false, this, arguments);
    },
    cancelAnimationFrame(this: unknown, _handle: unknown): unknown {
      return clear(
        leakscopeState,
        natives.cancelAnimationFrame,
        calls.cancelAnimationFrame,
        true,
        this,
        arguments,
      );
    },
  };
  // Declared with `timeout` (cheaper than reading `arguments[1]`), so `length` is set back to the native 1.
  defineProperty(wrappers.setTimeout, 'length', { value: 1 });
  defineProperty(wrappers.setInterval, 'length', { value: 1 });
  for (const name of Object.keys(natives) as (keyof typeof natives)[]) {
    const original = natives[name];
    if (typeof original !== 'function' || !replaceProperty(globalThis, name, wrappers[name], original)) {
      push(leakscopeState.untrackedApis, name);
    }
  }
}
