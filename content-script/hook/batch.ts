import {
  type Callsite,
  type HookBatch,
  type HookCounts,
  LIMITS,
  type ListenerRecord,
  PROTOCOL_VERSION,
  type TargetKind,
  type TimerRecord,
} from '../../src/protocol/index.ts';
import { type Trace, withCallsites } from './callsite.ts';
import { describeHandler, describeTarget, targetKind } from './describe.ts';
import { sweepLight } from './light.ts';
import { sweepListeners } from './listeners.ts';
import { apply, dom, newArray, push, SafeMap, slice, timeOrigin } from './pristine.ts';
import { slotForEach } from './slots.ts';
import type { Holder, HookState, ListenerRec, TimerRec } from './state.ts';
import { sweepTimers } from './timers.ts';

/**
 * Turns the hook's state into protocol batches. A full batch re-queues every live record; each batch carries
 * at most LIMITS.maxRecordsPerBatch new records, so one flush may produce several batches.
 */

export interface BatchContext {
  docId: string;
  url: () => string;
  seq: number;
  /** Detached ids and counts of the previous batch, to skip batches that would say nothing new. */
  lastDetached: number[];
  lastCounts: HookCounts | null;
}

/**
 * Per-target facts, computed once per flush. `kind` and `detached` are needed for every live record (the detached
 * pass runs over all of them on every flush), so they are cheap; the text and the record → listener map are only
 * built for targets that have a record to describe in this flush (after a flood, 50,000 records on four targets
 * would otherwise rebuild 50,000 map entries every 500 ms).
 */
interface TargetInfo {
  kind: TargetKind;
  detached: boolean;
  described: { text: string; listeners: SafeMap<ListenerRec, object> } | null;
}

function targetInfo(cache: SafeMap<Holder, TargetInfo>, holder: Holder): TargetInfo {
  let info = cache.get(holder);
  if (!info) {
    const kind = targetKind(holder.target);
    let detached = false;
    if (kind === 'element' || kind === 'node') {
      try {
        detached = !apply(dom.isConnected, holder.target, []);
      } catch {}
    }
    info = { kind, detached, described: null };
    cache.set(holder, info);
  }
  return info;
}

/** The target's text and its record → listener map (to name handlers), built once per flush when first needed. */
function describedTarget(info: TargetInfo, holder: Holder): NonNullable<TargetInfo['described']> {
  if (!info.described) {
    const listeners = new SafeMap<ListenerRec, object>();
    slotForEach(holder, (first, listener) => {
      for (let r: ListenerRec | null = first; r; r = r.sibling) listeners.set(r, listener);
    });
    info.described = { text: describeTarget(holder.target, info.kind), listeners };
  }
  return info.described;
}

function takeQueue<T>(queue: T[], max: number, accept: (x: T) => boolean): { taken: T[]; rest: T[] } {
  const taken = newArray<T>();
  const rest = newArray<T>();
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i];
    if (taken.length < max) {
      if (accept(x)) push(taken, x);
    } else push(rest, x);
  }
  return { taken, rest };
}

function counts(state: HookState): HookCounts {
  const c: HookCounts = {
    listeners: state.listenerCount + state.lightListeners,
    intervals: state.lightIntervals,
    timeouts: state.lightTimeouts,
    animationFrames: state.lightFrames,
    detailedListeners: state.listenerCount,
    detailedTimers: state.timers.size,
  };
  state.timers.forEach((t) => {
    if (t.kind === 'interval') c.intervals++;
    else if (t.kind === 'timeout') c.timeouts++;
    else c.animationFrames++;
  });
  return c;
}

const sameIds = (a: number[], b: number[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const sameCounts = (a: HookCounts | null, b: HookCounts): boolean =>
  !!a &&
  a.listeners === b.listeners &&
  a.intervals === b.intervals &&
  a.timeouts === b.timeouts &&
  a.animationFrames === b.animationFrames &&
  a.detailedListeners === b.detailedListeners &&
  a.detailedTimers === b.detailedTimers;

/** Marks every live record unsent, as the receiver will forget all it knew. */
export function requeueAll(state: HookState): void {
  for (let r = state.head; r; r = r.next) r.sent = false;
  state.timers.forEach((t) => {
    t.sent = false;
  });
  state.removedListeners = newArray();
  state.removedTimers = newArray();
  state.ranTimers = new SafeMap();
}

/**
 * Queues what the receiver has not seen. Nothing is queued while registering (that would cost every call):
 * new listener records go to the head of the list and every flush sends all unsent ones, so the unsent records
 * are exactly the run at the head; timers are found by a pass over the (bounded) timer map.
 */
function queueUnsent(state: HookState): void {
  const newestFirst = newArray<ListenerRec>();
  for (let r = state.head; r && !r.sent; r = r.next) push(newestFirst, r);
  const listeners = newArray<ListenerRec>();
  for (let i = newestFirst.length - 1; i >= 0; i--) push(listeners, newestFirst[i]);
  const timers = newArray<TimerRec>();
  state.timers.forEach((t) => {
    if (!t.sent) push(timers, t);
  });
  state.addedListeners = listeners;
  state.addedTimers = timers;
}

/** Builds the batches for one flush (empty when nothing changed and `full` is false). */
export function buildBatches(state: HookState, ctx: BatchContext, full: boolean): HookBatch[] {
  sweepListeners(state);
  sweepLight(state);
  sweepTimers(state);
  if (full) requeueAll(state);
  queueUnsent(state);
  const cache = new SafeMap<Holder, TargetInfo>();
  return withCallsites((format) => {
    const out = newArray<HookBatch>();
    let first = true;
    const c = counts(state);
    const detached = newArray<number>();
    for (let r = state.head; r; r = r.next) {
      const holder = r.holder.deref();
      if (r.sent && holder && targetInfo(cache, holder).detached) push(detached, r.id);
    }
    while (first || state.addedListeners.length || state.addedTimers.length) {
      const max = LIMITS.maxRecordsPerBatch;
      const l = takeQueue(state.addedListeners, max, (r) => r.live && !!r.holder.deref());
      const t = takeQueue(state.addedTimers, max, (r) => state.timers.get(r.id) === r);
      state.addedListeners = l.rest;
      state.addedTimers = t.rest;
      const listenersAdded = newArray<ListenerRecord>();
      for (let i = 0; i < l.taken.length; i++) {
        const r = l.taken[i];
        const holder = r.holder.deref()!;
        const info = targetInfo(cache, holder);
        const described = describedTarget(info, holder);
        r.sent = true;
        if (info.detached) push(detached, r.id);
        push(listenersAdded, {
          id: r.id,
          target: described.text,
          targetKind: info.kind,
          type: clampType(r.type),
          capture: r.capture,
          once: r.once,
          passive: r.passive,
          signal: r.signal !== null,
          handler: describeHandler(described.listeners.get(r)),
          callsite: callsiteOf(format, r.callsite),
          addedAt: r.addedAt,
        });
      }
      const timersAdded = newArray<TimerRecord>();
      for (let i = 0; i < t.taken.length; i++) {
        const r = t.taken[i];
        r.sent = true;
        push(timersAdded, {
          id: r.id,
          kind: r.kind,
          delay: r.delay,
          handler: describeHandler(r.callback),
          callsite: callsiteOf(format, r.callsite),
          createdAt: r.createdAt,
          runs: r.runs,
          lastRunAt: r.lastRunAt,
        });
      }
      const timersRan = newArray<[number, number, number]>();
      if (first) {
        state.ranTimers.forEach((r) => {
          push(timersRan, [r.id, r.runs, r.lastRunAt ?? 0]);
        });
        state.ranTimers = new SafeMap();
      }
      const batch: HookBatch = {
        kind: 'batch',
        v: PROTOCOL_VERSION,
        docId: ctx.docId,
        seq: ctx.seq,
        full: full && first,
        url: clampUrl(ctx.url()),
        timeOrigin,
        detail: state.detail,
        listenersAdded,
        listenersRemoved: first ? state.removedListeners : newArray(),
        timersAdded,
        timersRemoved: first ? state.removedTimers : newArray(),
        timersRan,
        detachedTargets: copyIds(detached),
        counts: c,
        untrackedApis: state.untrackedApis,
      };
      if (first) {
        state.removedListeners = newArray();
        state.removedTimers = newArray();
      }
      const quiet =
        !batch.full &&
        !listenersAdded.length &&
        !timersAdded.length &&
        !batch.listenersRemoved.length &&
        !batch.timersRemoved.length &&
        !timersRan.length &&
        sameIds(detached, ctx.lastDetached) &&
        sameCounts(ctx.lastCounts, c);
      if (!quiet) {
        ctx.seq++;
        push(out, batch);
        ctx.lastDetached = copyIds(detached);
        ctx.lastCounts = c;
      }
      first = false;
    }
    return out;
  });
}

const copyIds = (ids: number[]): number[] => {
  const out = newArray<number>();
  for (let i = 0; i < ids.length; i++) push(out, ids[i]);
  return out;
};
const clampType = (s: string): string =>
  s.length > LIMITS.maxStringLength ? `${slice(s, 0, LIMITS.maxStringLength - 1)}…` : s;
const clampUrl = (s: string): string => (s.length > 2048 ? slice(s, 0, 2048) : s);

function callsiteOf(format: (t: Trace | null) => Callsite | null, t: Trace | null): Callsite | null {
  const cs = format(t);
  if (!cs) return null;
  return {
    kind: 'registered',
    url: clampUrl(cs.url ?? ''),
    scriptId: null,
    line: cs.line,
    column: cs.column,
    functionName: clampType(cs.functionName),
  };
}
