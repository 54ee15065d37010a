import { clampPageText } from '../page-text.ts';
import {
  type Callsite,
  type HookBatch,
  type HookCounts,
  LIMITS,
  type ListenerRecord,
  type PanelToRelay,
  PROTOCOL_VERSION,
  type RelayToPanel,
  type TargetKind,
  type TimerKind,
  type TimerRecord,
} from './messages.ts';

/**
 * Shape guards for every message that crosses a world boundary. They copy what they accept into fresh
 * plain objects (so getters or prototypes on the input never run later) and clamp strings.
 * Each returns `null` for anything that does not match.
 */

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function clampString(x: unknown, max: number = LIMITS.maxStringLength): string | null {
  return typeof x === 'string' ? clampPageText(x, max) : null;
}

function callsite(x: unknown): Callsite | null | undefined {
  if (x === null) return null;
  if (!isObject(x)) return undefined;
  const url = clampString(x.url, 2048);
  const functionName = clampString(x.functionName);
  if (url === null || functionName === null || !isInt(x.line) || !isInt(x.column)) return undefined;
  // The hook records registering calls only; it never knows a scriptId.
  if (x.kind !== 'registered' || x.scriptId !== null) return undefined;
  return { kind: 'registered', url, scriptId: null, line: x.line, column: x.column, functionName };
}

const TARGET_KINDS: readonly TargetKind[] = ['window', 'document', 'element', 'node', 'other'];
const TIMER_KINDS: readonly TimerKind[] = ['interval', 'timeout', 'animationFrame'];

function listener(x: unknown): ListenerRecord | null {
  if (!isObject(x)) return null;
  const target = clampString(x.target);
  const type = clampString(x.type);
  const handler = clampString(x.handler);
  const cs = callsite(x.callsite);
  if (!isInt(x.id) || target === null || type === null || handler === null || cs === undefined) return null;
  if (!TARGET_KINDS.includes(x.targetKind as TargetKind) || !isNum(x.addedAt)) return null;
  return {
    id: x.id,
    target,
    targetKind: x.targetKind as TargetKind,
    type,
    capture: x.capture === true,
    once: x.once === true,
    passive: x.passive === true,
    signal: x.signal === true,
    handler,
    callsite: cs,
    addedAt: x.addedAt,
  };
}

function timer(x: unknown): TimerRecord | null {
  if (!isObject(x)) return null;
  const handler = clampString(x.handler);
  const cs = callsite(x.callsite);
  if (!isInt(x.id) || handler === null || cs === undefined || !TIMER_KINDS.includes(x.kind as TimerKind)) {
    return null;
  }
  if (!isNum(x.delay) || !isNum(x.createdAt) || !isInt(x.runs)) return null;
  if (x.lastRunAt !== null && !isNum(x.lastRunAt)) return null;
  return {
    id: x.id,
    kind: x.kind as TimerKind,
    delay: x.delay,
    handler,
    callsite: cs,
    createdAt: x.createdAt,
    runs: x.runs,
    lastRunAt: x.lastRunAt as number | null,
  };
}

function list<T>(x: unknown, item: (v: unknown) => T | null, max: number): T[] | null {
  if (!Array.isArray(x) || x.length > max) return null;
  const out: T[] = [];
  for (const v of x) {
    const parsed = item(v);
    if (parsed === null) return null;
    out.push(parsed);
  }
  return out;
}

const intItem = (v: unknown): number | null => (isInt(v) ? v : null);
const ranItem = (v: unknown): [number, number, number] | null =>
  Array.isArray(v) && v.length === 3 && isInt(v[0]) && isInt(v[1]) && isNum(v[2]) ? [v[0], v[1], v[2]] : null;

function counts(x: unknown): HookCounts | null {
  if (!isObject(x)) return null;
  const { listeners, intervals, timeouts, animationFrames, detailedListeners, detailedTimers } = x;
  const all = [listeners, intervals, timeouts, animationFrames, detailedListeners, detailedTimers];
  if (!all.every((n) => isInt(n) && n >= 0)) return null;
  // Detail is a part of the totals.
  if ((detailedListeners as number) > (listeners as number)) return null;
  const timers = (intervals as number) + (timeouts as number) + (animationFrames as number);
  if ((detailedTimers as number) > timers) return null;
  return { listeners, intervals, timeouts, animationFrames, detailedListeners, detailedTimers } as HookCounts;
}

const MAX_IDS = LIMITS.maxListenerRecords + LIMITS.maxTimerRecords;

export function parseHookBatch(x: unknown): HookBatch | null {
  if (!isObject(x) || x.kind !== 'batch' || x.v !== PROTOCOL_VERSION) return null;
  const docId = clampString(x.docId, 64);
  const url = clampString(x.url, 2048);
  if (docId === null || url === null || !isInt(x.seq) || !isNum(x.timeOrigin)) return null;
  const max = LIMITS.maxRecordsPerBatch;
  const listenersAdded = list(x.listenersAdded, listener, max);
  const listenersRemoved = list(x.listenersRemoved, intItem, MAX_IDS);
  const timersAdded = list(x.timersAdded, timer, max);
  const timersRemoved = list(x.timersRemoved, intItem, MAX_IDS);
  const timersRan = list(x.timersRan, ranItem, MAX_IDS);
  const detachedTargets = list(x.detachedTargets, intItem, MAX_IDS);
  const untrackedApis = list(x.untrackedApis, (v) => clampString(v, 80), 32);
  const c = counts(x.counts);
  if (!listenersAdded || !listenersRemoved || !timersAdded || !timersRemoved || !timersRan) return null;
  if (!detachedTargets || !untrackedApis || !c) return null;
  return {
    kind: 'batch',
    v: PROTOCOL_VERSION,
    docId,
    seq: x.seq,
    full: x.full === true,
    url,
    timeOrigin: x.timeOrigin,
    detail: x.detail === true,
    listenersAdded,
    listenersRemoved,
    timersAdded,
    timersRemoved,
    timersRan,
    detachedTargets,
    counts: c,
    untrackedApis,
  };
}

export function parsePanelToRelay(x: unknown): PanelToRelay | null {
  if (!isObject(x) || x.v !== PROTOCOL_VERSION) return null;
  if (x.kind === 'panel-hello')
    return { kind: 'panel-hello', v: PROTOCOL_VERSION, detail: x.detail === true };
  if (x.kind === 'request-full') return { kind: 'request-full', v: PROTOCOL_VERSION };
  if (x.kind === 'panel-bye') return { kind: 'panel-bye', v: PROTOCOL_VERSION };
  return null;
}

export function parseRelayToPanel(x: unknown): RelayToPanel | null {
  if (!isObject(x) || x.kind !== 'page-batch' || x.v !== PROTOCOL_VERSION) return null;
  const batch = parseHookBatch(x.batch);
  return batch ? { kind: 'page-batch', v: PROTOCOL_VERSION, batch } : null;
}
