import type { AuditState } from '../src/audit/index.ts';
import type { HookBatch } from '../src/protocol/index.ts';
import {
  type ApplyResult,
  type Definitions,
  NO_DEFINITIONS,
  PageRegistry,
  TimeSeries,
} from '../src/registry/index.ts';
import type { Report } from '../src/report/index.ts';
import type { DebuggerState } from './cdp/debugger-session.ts';
import type { ScanState } from './scan/scan-state.ts';
import type { SnapshotState } from './snapshots/snapshot-state.ts';

export type CounterId =
  | 'nodes'
  | 'jsEventListeners'
  | 'documents'
  | 'frames'
  | 'jsHeapUsed'
  | 'listeners'
  | 'intervals'
  | 'timeouts'
  | 'animationFrames';

export interface CounterInfo {
  id: CounterId;
  label: string;
  unit: 'count' | 'bytes';
  source: 'renderer' | 'hook';
}

export const COUNTERS: readonly CounterInfo[] = [
  { id: 'nodes', label: 'DOM nodes', unit: 'count', source: 'renderer' },
  { id: 'jsEventListeners', label: 'JS event listeners', unit: 'count', source: 'renderer' },
  { id: 'documents', label: 'Documents', unit: 'count', source: 'renderer' },
  { id: 'frames', label: 'Frames', unit: 'count', source: 'renderer' },
  { id: 'jsHeapUsed', label: 'JS heap used', unit: 'bytes', source: 'renderer' },
  { id: 'listeners', label: 'Live listeners (hook)', unit: 'count', source: 'hook' },
  { id: 'intervals', label: 'Live intervals', unit: 'count', source: 'hook' },
  { id: 'timeouts', label: 'Pending timeouts', unit: 'count', source: 'hook' },
  { id: 'animationFrames', label: 'Pending animation frames', unit: 'count', source: 'hook' },
];

export interface GcResult {
  heapBefore: number;
  heapAfter: number;
  ms: number;
  at: number;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
}

/**
 * The single place where page events and user actions change the panel's state. Views read it and
 * subscribe; nothing else mutates it.
 */
export class Store {
  readonly registry = new PageRegistry();
  readonly series = new Map<CounterId, TimeSeries>(COUNTERS.map((c) => [c.id, new TimeSeries()]));
  debugger: DebuggerState = { kind: 'detached', reason: null };
  gc: GcResult | null = null;
  busy: string | null = null;
  notice: Notice | null = null;
  snapshot: SnapshotState = { kind: 'idle' };
  scan: ScanState = { kind: 'idle' };
  /** Where pre-panel registrations' callbacks are defined, from the last scan of this document. */
  definitions: Definitions = NO_DEFINITIONS;
  audit: AuditState = { kind: 'off' };
  /** A report file the user imported, shown read-only. */
  imported: Report | null = null;
  /** Times of top-level navigations, drawn as marks on the charts. */
  readonly navigations: number[] = [];
  private version = 0;
  private readonly subscribers = new Set<() => void>();
  private scheduled = false;

  subscribe(fn: () => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  get revision(): number {
    return this.version;
  }

  applyBatch(frameId: number, batch: HookBatch, now = Date.now()): ApplyResult {
    const result = this.registry.apply(frameId, batch, now);
    if (result === 'applied') this.changed();
    return result;
  }

  recordMetrics(metrics: Partial<Record<CounterId, number>>, now = Date.now()): void {
    const totals = this.registry.totals();
    const all: Partial<Record<CounterId, number>> = {
      ...metrics,
      listeners: totals.listeners,
      intervals: totals.intervals,
      timeouts: totals.timeouts,
      animationFrames: totals.animationFrames,
    };
    for (const [id, value] of Object.entries(all) as [CounterId, number | undefined][]) {
      if (value !== undefined) this.series.get(id)?.push(now, value);
    }
    this.changed();
  }

  navigated(now = Date.now()): void {
    this.registry.clear();
    this.definitions = NO_DEFINITIONS;
    this.navigations.push(now);
    if (this.navigations.length > 100) this.navigations.shift();
    this.changed();
  }

  setDebugger(state: DebuggerState): void {
    this.debugger = state;
    this.changed();
  }

  setBusy(text: string | null): void {
    this.busy = text;
    this.changed();
  }

  setNotice(notice: Notice | null): void {
    this.notice = notice;
    this.changed();
  }

  setAudit(state: AuditState): void {
    this.audit = state;
    this.changed();
  }

  setImported(report: Report | null): void {
    this.imported = report;
    this.changed();
  }

  setScan(state: ScanState): void {
    this.scan = state;
    this.changed();
  }

  setDefinitions(definitions: Definitions): void {
    this.definitions = definitions;
    this.changed();
  }

  setSnapshot(state: SnapshotState): void {
    this.snapshot = state;
    this.changed();
  }

  setGc(result: GcResult): void {
    this.gc = result;
    this.changed();
  }

  /**
   * Coalesces bursts of changes into one render. A short timer, not requestAnimationFrame: DevTools does not
   * always give an extension panel frames (seen in headless runs), and state must still reach the views.
   */
  private changed(): void {
    this.version++;
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      for (const fn of this.subscribers) fn();
    }, 16);
  }
}
