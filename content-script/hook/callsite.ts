import type { Callsite } from '../../src/protocol/index.ts';
import { apply, captureStackTrace, defineProperty, getOwnDescriptor, NativeError } from './pristine.ts';
import type { HookState } from './state.ts';

/**
 * Callsites are captured cheaply (V8 records the raw frames; nothing is formatted) and formatted only when a
 * batch carries them, through our own `Error.prepareStackTrace`, which hands us structured frames.
 */

/** An object carrying V8's captured stack in its lazy `stack` accessor. */
export type Trace = { stack?: unknown };

interface V8CallSite {
  getScriptNameOrSourceURL(): string | null;
  getFileName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  getFunctionName(): string | null;
  isEval(): boolean;
  getEvalOrigin(): string | undefined;
}

/**
 * A trace of the caller of `above` when detail is on and the budget allows, else null. Capturing a stack costs
 * V8 about 2–4 µs however few frames are kept, so callsites are a budget (LIMITS.callsitesPerFlush per flush
 * interval, refilled by each flush); registrations beyond it get `callsite: null`.
 */
// biome-ignore lint/complexity/noBannedTypes: any function is a valid frame boundary
export function traceFor(state: HookState, above: Function): Trace | null {
  if (!state.detail || state.callsiteBudget <= 0) return null;
  state.callsiteBudget--;
  return captureTrace(above);
}

// biome-ignore lint/complexity/noBannedTypes: any function is a valid frame boundary
export function captureTrace(above: Function): Trace | null {
  try {
    const trace: Trace = {};
    // Only the caller's frame is wanted; the limit is restored right away (no page code runs in between).
    const E = NativeError as { stackTraceLimit?: unknown };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 1;
    try {
      captureStackTrace(trace, above);
    } finally {
      E.stackTraceLimit = limit;
    }
    return trace;
  } catch {
    return null;
  }
}

const toCallsite = (_err: unknown, frames: V8CallSite[]): Callsite | null => {
  const f = frames[0];
  if (!f) return null;
  const url = f.getScriptNameOrSourceURL() || f.getFileName() || (f.isEval() ? 'eval' : '');
  return {
    kind: 'registered',
    url: `${url}`,
    scriptId: null,
    line: f.getLineNumber() ?? 0,
    column: f.getColumnNumber() ?? 0,
    functionName: f.getFunctionName() ?? '',
  };
};

/**
 * Formats traces with our own `prepareStackTrace` installed for the duration (restored after; a page whose
 * `Error.prepareStackTrace` is an accessor or read-only gets no callsites rather than running its code).
 */
export function withCallsites<T>(body: (format: (t: Trace | null) => Callsite | null) => T): T {
  const d = getOwnDescriptor(NativeError, 'prepareStackTrace');
  const usable = !d || ('value' in d && d.writable === true && d.configurable === true);
  const format = (t: Trace | null): Callsite | null => {
    if (!t || !usable) return null;
    try {
      const s = getOwnDescriptor(t, 'stack');
      if (!s) return null;
      // Reading the accessor formats the captured frames once; the value is cached on the object.
      const cs = 'value' in s ? s.value : apply(s.get!, t, []);
      return cs && typeof cs === 'object' ? (cs as Callsite) : null;
    } catch {
      return null;
    }
  };
  if (!usable) return body(format);
  defineProperty(NativeError, 'prepareStackTrace', {
    value: toCallsite,
    writable: true,
    configurable: true,
    enumerable: d ? d.enumerable : false,
  });
  try {
    return body(format);
  } finally {
    if (d) defineProperty(NativeError, 'prepareStackTrace', d);
    else delete (NativeError as { prepareStackTrace?: unknown }).prepareStackTrace;
  }
}
