// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import { LIMITS, type TimerKind } from '../../src/protocol/messages.ts';
import { traceFor } from './callsite.ts';
import { replaceProperty } from './disguise.ts';
import { FRAME, INTERVAL, lightTimerAdd, lightTimerDone, sweepLightTimers, TIMEOUT } from './light.ts';
import { apply, callable, newArray, now, push } from './pristine.ts';
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

/** Copies `args` into a fresh (null-prototype) array with `first` in place of the callback. */
function withCallback(args: IArguments, first: unknown): unknown[] {
  const copy = newArray<unknown>();
  for (let i = 0; i < args.length; i++) copy[i] = args[i];
  copy[0] = first;
  return copy;
}

/** Shared body of the three scheduling wrappers. */
function schedule(
  state: HookState,
  kind: TimerKind,
  native: AnyFn,
  call: Caller,
  self: object,
  receiver: unknown,
  args: IArguments,
): unknown {
  if (args.length === 0) return apply(native, receiver, args);
  const callback = args[0];
  let rec: TimerRec | null = null;
  let forwarded: ArrayLike<unknown> = args;
  let light = -1;
  let box: { key: number } | null = null;
  try {
    const isFn = typeof callback === 'function';
    if (kind !== 'animationFrame' || isFn) {
      if (hasRoom(state)) {
        const cb = isFn ? (callback as AnyFn) : typeof callback === 'string' ? callback : '';
        rec = newRec(state, kind, cb, args[1], self);
        if (isFn) forwarded = withCallback(args, wrapCallback(state, rec, callback as AnyFn));
      } else {
        // Detail is full: count it (light.ts). Intervals need no wrapper; function timeouts and frames do.
        light = kind === 'timeout' ? TIMEOUT : kind === 'interval' ? INTERVAL : FRAME;
        if (isFn && light !== INTERVAL) {
          box = { key: 0 };
          forwarded = withCallback(args, lightCallback(state, box, callback as AnyFn));
        }
      }
    }
  } catch {
    rec = null;
    light = -1;
    forwarded = args;
  }
  const id = forward(native, call, receiver, forwarded);
  if (rec) {
    try {
      rec.id = kind === 'animationFrame' ? -(id as number) : (id as number);
      state.timers.set(rec.id, rec);
    } catch {}
  } else if (light >= 0) {
    try {
      const key = light === FRAME ? -(id as number) : (id as number);
      if (box) box.key = key;
      lightTimerAdd(state, key, light);
      if (light === TIMEOUT && !box) {
        // A string (or other non-function) timeout cannot be observed running: forget it once its delay passed.
        const delay = args[1];
        const ms = typeof delay === 'number' && delay > 0 && delay < Number.POSITIVE_INFINITY ? delay : 0;
        state.lightExpiry.set(key, now() + ms);
      }
    } catch {}
  }
  return id;
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
    setTimeout(this: unknown, _handler: unknown): unknown {
      return schedule(
        leakscopeState,
        'timeout',
        natives.setTimeout,
        calls.setTimeout,
        wrappers.setTimeout,
        this,
        arguments,
      );
    },
    setInterval(this: unknown, _handler: unknown): unknown {
      return schedule(
        leakscopeState,
        'interval',
        natives.setInterval,
        calls.setInterval,
        wrappers.setInterval,
        this,
        arguments,
      );
    },
    requestAnimationFrame(this: unknown, _callback: unknown): unknown {
      return schedule(
        leakscopeState,
        'animationFrame',
        natives.requestAnimationFrame,
        calls.requestAnimationFrame,
        wrappers.requestAnimationFrame,
        this,
        arguments,
      );
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
  for (const name of Object.keys(natives) as (keyof typeof natives)[]) {
    const original = natives[name];
    if (typeof original !== 'function' || !replaceProperty(globalThis, name, wrappers[name], original)) {
      push(leakscopeState.untrackedApis, name);
    }
  }
}
