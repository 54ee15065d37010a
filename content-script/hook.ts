// biome-ignore lint/suspicious/noRedundantUseStrict: the IIFE bundle is a classic script; the wrappers must see `this` unconverted.
'use strict';
/**
 * Leakscope's page hook, injected into the MAIN world of every frame at document_start (before any page
 * script). It mirrors live event listeners and timers of the page (see hook/listeners.ts, hook/timers.ts) and,
 * only while a Leakscope panel is connected through the relay, records callsites and sends batched deltas.
 * It must never import the panel or Preact, and never put anything on a page-visible object.
 */
import { LIMITS, type RelayToHook } from '../src/protocol/index.ts';
import { type BatchContext, buildBatches } from './hook/batch.ts';
import { openHookChannel } from './hook/channel.ts';
import { installToString } from './hook/disguise.ts';
import { consumeRecordFromStart } from './hook/from-start.ts';
import { toJson } from './hook/json.ts';
import { installListeners } from './hook/listeners.ts';
import { installObservers } from './hook/observers.ts';
import { apply, dom, newArray, push, timers } from './hook/pristine.ts';
import { leakscopeState } from './hook/state.ts';
import { installTimers } from './hook/timers.ts';

const state = leakscopeState;
const location = dom.window.location;
const randomId = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    return `${Date.now()}-${Math.random()}`;
  }
};

function start(): void {
  consumeRecordFromStart(state);
  if (!installToString()) push(state.untrackedApis, 'Function.prototype.toString');
  installListeners();
  installTimers();
  installObservers();

  const ctx: BatchContext = {
    docId: randomId(),
    url: () => `${location.href}`,
    seq: 0,
    lastDetached: newArray(),
    lastCounts: null,
  };
  let flushTimer: number | null = null;
  const channel = openHookChannel(onMessage);

  function flush(full: boolean): void {
    state.callsiteBudget = LIMITS.callsitesPerFlush;
    try {
      const batches = buildBatches(state, ctx, full);
      for (let i = 0; i < batches.length; i++) channel.send(toJson(batches[i]));
    } catch {}
  }

  function tick(): void {
    flushTimer = null;
    if (!state.connected) return;
    flush(false);
    flushTimer = apply(timers.setTimeout, dom.window, [tick, LIMITS.flushIntervalMs]) as unknown as number;
  }

  function onMessage(msg: RelayToHook): void {
    if (msg.kind === 'connect') {
      state.connected = true;
      state.detail = msg.detail;
      flush(true);
      if (flushTimer === null) {
        flushTimer = apply(timers.setTimeout, dom.window, [
          tick,
          LIMITS.flushIntervalMs,
        ]) as unknown as number;
      }
    } else if (msg.kind === 'request-full') {
      if (state.connected) flush(true);
    } else {
      state.connected = false;
      state.detail = false;
      state.addedListeners = newArray();
      state.addedTimers = newArray();
      state.removedListeners = newArray();
      state.removedTimers = newArray();
      if (flushTimer !== null) apply(timers.clearTimeout, dom.window, [flushTimer]);
      flushTimer = null;
    }
  }
}

try {
  start();
} catch {
  // Never let the hook break the page.
}
