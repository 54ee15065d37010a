/**
 * The one message protocol shared by the page hook (MAIN world), the relay (isolated world) and the panel.
 *
 * Everything that crosses from the page is untrusted: the page can call the hook's wrapped APIs with any
 * values, and a hostile page may try to imitate the hook. Every receiver validates with the guards in
 * `validate.ts` before it uses a message.
 */

export const PROTOCOL_VERSION = 1;

import type { Callsite } from '../callsite.ts';

/** Where a registration was made: the hook sends `kind: 'registered'` callsites (the caller's script position). */
export type { Callsite };

export type TargetKind = 'window' | 'document' | 'element' | 'node' | 'other';

/** One live addEventListener registration, as the hook saw it. */
export interface ListenerRecord {
  id: number;
  /** Short text for the target: `window`, `document`, `<div#id.cls>`, `XMLHttpRequest`, … */
  target: string;
  targetKind: TargetKind;
  type: string;
  capture: boolean;
  once: boolean;
  passive: boolean;
  signal: boolean;
  /** Name of the listener function (`handleEvent` objects report their constructor name). */
  handler: string;
  callsite: Callsite | null;
  /** Milliseconds since the document's time origin (read once per task: registrations of one task share it). */
  addedAt: number;
}

export type TimerKind = 'interval' | 'timeout' | 'animationFrame';

/** One live interval, pending timeout or pending animation frame. */
export interface TimerRecord {
  /** The id setTimeout/setInterval returned; minus the id for animation frames (ids are unique per document). */
  id: number;
  kind: TimerKind;
  /** Requested delay in ms (0 for animation frames). */
  delay: number;
  handler: string;
  callsite: Callsite | null;
  createdAt: number;
  runs: number;
  lastRunAt: number | null;
}

/**
 * Exact live totals, including registrations kept without detail once a detailed registry is full (the hook
 * counts those on a light path), and how many of them are tracked in detail (at most LIMITS.maxListenerRecords
 * and LIMITS.maxTimerRecords).
 */
export interface HookCounts {
  listeners: number;
  intervals: number;
  timeouts: number;
  animationFrames: number;
  /** Live listener registrations kept with detail (records sent in batches). */
  detailedListeners: number;
  /** Live timers (intervals, timeouts, animation frames) kept with detail. */
  detailedTimers: number;
}

/**
 * A delta from one document's hook. `full` batches replace everything the receiver knew about that
 * document; the others apply on top of the previous batch with the same `docId`.
 */
export interface HookBatch {
  kind: 'batch';
  v: number;
  docId: string;
  seq: number;
  full: boolean;
  url: string;
  /**
   * The document's time origin (ms since the epoch): `addedAt`, `createdAt` and `lastRunAt` count from it, so a
   * receiver on another clock can show ages.
   */
  timeOrigin: number;
  /** Whether the hook records callsites (detail mode). */
  detail: boolean;
  listenersAdded: ListenerRecord[];
  listenersRemoved: number[];
  timersAdded: TimerRecord[];
  timersRemoved: number[];
  /** [timer id, runs, lastRunAt] for timers that ran since the previous batch. */
  timersRan: [number, number, number][];
  /** Ids of live listener records whose target node is no longer in its document. */
  detachedTargets: number[];
  counts: HookCounts;
  /** APIs the hook could not wrap on this page (frozen prototypes, pre-existing wrappers it refused). */
  untrackedApis: string[];
}

/** Relay → hook. */
export type RelayToHook =
  | { kind: 'connect'; v: number; detail: boolean }
  | { kind: 'disconnect'; v: number }
  | { kind: 'request-full'; v: number };

/** Panel → relay (chrome.tabs.sendMessage). Sent as a heartbeat while a panel is open on the tab. */
export type PanelToRelay =
  | { kind: 'panel-hello'; v: number; detail: boolean }
  | { kind: 'request-full'; v: number }
  | { kind: 'panel-bye'; v: number };

/** Relay → panel (chrome.runtime.sendMessage); the frame comes from the sender chrome fills in. */
export type RelayToPanel = { kind: 'page-batch'; v: number; batch: HookBatch };

/** Panel ↔ service worker port (named `panel`), used to detach the debugger when DevTools closes. */
export type PanelToWorker = { kind: 'panel-open'; v: number; tabId: number } | { kind: 'ping'; v: number };

/** Event names on the private mailbox element shared by hook and relay. */
export const MAILBOX_EVENTS = {
  handshakeFromHook: 'leakscope:hook-hello',
  handshakeFromRelay: 'leakscope:relay-hello',
  toRelay: 'leakscope:to-relay',
  toHook: 'leakscope:to-hook',
} as const;

/**
 * "Reload and record from the start": the panel (through chrome.debugger, after `Page.enable`) registers
 * `recordFromStartScript()` with `Page.addScriptToEvaluateOnNewDocument` and reloads. Chromium runs that script
 * in the MAIN world before the document_start content scripts and before any page script; it leaves this
 * marker on window, which the hook deletes as its first act (so no page script ever sees it) and from then on
 * records callsites as if a panel were connected (still sending nothing until one is). Remove the script with
 * `Page.removeScriptToEvaluateOnNewDocument` once the reload is done.
 */
export const RECORD_FROM_START_MARKER = '__leakscopeRecordFromStart';
export const recordFromStartScript = (): string =>
  `Object.defineProperty(window, ${JSON.stringify(RECORD_FROM_START_MARKER)}, { value: true, configurable: true });`;

/** Limits that keep the hook and the panel bounded on hostile pages. */
export const LIMITS = {
  /** Live listener records kept with detail; beyond this registrations are only counted (exactly). */
  maxListenerRecords: 50_000,
  maxTimerRecords: 20_000,
  /** Page-derived strings are cut to this many characters before they leave the page. */
  maxStringLength: 300,
  /** Records sent in one batch; the rest follow in the next flush. */
  maxRecordsPerBatch: 5_000,
  /** How often a connected hook flushes its delta (ms). */
  flushIntervalMs: 500,
  /**
   * Callsites a connected hook captures per flush interval; registrations beyond get `callsite: null`.
   * (V8 needs 2–4 µs per captured stack, so this bounds the cost to a few ms per interval.)
   */
  callsitesPerFlush: 1_000,
  /** The relay stops forwarding when no panel heartbeat arrived for this long (ms). */
  panelTimeoutMs: 6_000,
  heartbeatMs: 2_000,
} as const;
