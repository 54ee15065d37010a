import type { HookBatch, HookCounts, ListenerRecord, TimerRecord } from '../protocol/messages.ts';

/** What the panel knows about one frame's current document, rebuilt from the hook's batches. */
export interface FrameState {
  frameId: number;
  docId: string;
  url: string;
  /** The document's time origin (ms since the epoch); the records' times count from it. */
  timeOrigin: number;
  detail: boolean;
  listeners: Map<number, ListenerRecord>;
  timers: Map<number, TimerRecord>;
  /** Listener ids whose target left the document. */
  detachedTargets: Set<number>;
  counts: HookCounts;
  untrackedApis: string[];
  lastSeq: number;
  /** When the last batch arrived (ms, the receiver's clock). */
  updatedAt: number;
}

export interface LiveListener extends ListenerRecord {
  frameId: number;
  frameUrl: string;
  /** `addedAt` on the epoch clock. */
  addedAtEpoch: number;
  targetDetached: boolean;
}

export interface LiveTimer extends TimerRecord {
  frameId: number;
  frameUrl: string;
  /** `createdAt` on the epoch clock. */
  createdAtEpoch: number;
}

export type ApplyResult = 'applied' | 'ignored' | 'need-full';

export const ZERO_COUNTS: HookCounts = {
  listeners: 0,
  intervals: 0,
  timeouts: 0,
  animationFrames: 0,
  detailedListeners: 0,
  detailedTimers: 0,
};

/**
 * The page's live registrations across all its frames. Batches are deltas per document: a `full` batch
 * replaces the frame's state, a delta must follow the previous sequence number, and a batch from a new
 * document (reload, navigation) replaces the old document's state.
 */
export class PageRegistry {
  readonly frames = new Map<number, FrameState>();

  apply(frameId: number, batch: HookBatch, now: number): ApplyResult {
    let frame = this.frames.get(frameId);
    if (batch.full || !frame || frame.docId !== batch.docId) {
      if (!batch.full) {
        // A delta from a document we have no base for (a new one, or a late batch of the one before it, or a page
        // restored from the back/forward cache): keep what we show and ask the frame for everything; its full
        // batch decides which document is current.
        return 'need-full';
      }
      frame = {
        frameId,
        docId: batch.docId,
        url: batch.url,
        timeOrigin: batch.timeOrigin,
        detail: batch.detail,
        listeners: new Map(),
        timers: new Map(),
        detachedTargets: new Set(),
        counts: { ...ZERO_COUNTS },
        untrackedApis: [],
        lastSeq: batch.seq,
        updatedAt: now,
      };
      this.frames.set(frameId, frame);
    } else if (batch.seq <= frame.lastSeq) {
      return 'ignored';
    } else if (batch.seq !== frame.lastSeq + 1) {
      return 'need-full';
    }
    for (const l of batch.listenersAdded) frame.listeners.set(l.id, l);
    for (const id of batch.listenersRemoved) frame.listeners.delete(id);
    for (const t of batch.timersAdded) frame.timers.set(t.id, t);
    for (const id of batch.timersRemoved) frame.timers.delete(id);
    for (const [id, runs, lastRunAt] of batch.timersRan) {
      const t = frame.timers.get(id);
      if (t) frame.timers.set(id, { ...t, runs, lastRunAt });
    }
    frame.detachedTargets = new Set(batch.detachedTargets.filter((id) => frame.listeners.has(id)));
    frame.counts = batch.counts;
    frame.untrackedApis = batch.untrackedApis;
    frame.url = batch.url;
    frame.detail = batch.detail;
    frame.lastSeq = batch.seq;
    frame.updatedAt = now;
    return 'applied';
  }

  clear(): void {
    this.frames.clear();
  }

  /** Live listener records over all frames, without building the list. */
  listenerCount(): number {
    let n = 0;
    for (const f of this.frames.values()) n += f.listeners.size;
    return n;
  }

  timerCount(): number {
    let n = 0;
    for (const f of this.frames.values()) n += f.timers.size;
    return n;
  }

  listeners(): LiveListener[] {
    const out: LiveListener[] = [];
    for (const f of this.frames.values()) {
      for (const l of f.listeners.values()) {
        out.push({
          ...l,
          frameId: f.frameId,
          frameUrl: f.url,
          addedAtEpoch: f.timeOrigin + l.addedAt,
          targetDetached: f.detachedTargets.has(l.id),
        });
      }
    }
    return out;
  }

  timers(): LiveTimer[] {
    const out: LiveTimer[] = [];
    for (const f of this.frames.values()) {
      for (const t of f.timers.values()) {
        out.push({ ...t, frameId: f.frameId, frameUrl: f.url, createdAtEpoch: f.timeOrigin + t.createdAt });
      }
    }
    return out;
  }

  /** The hook's own exact totals summed over frames (these include registrations whose detail was capped). */
  totals(): HookCounts {
    const sum = { ...ZERO_COUNTS };
    for (const f of this.frames.values()) {
      sum.listeners += f.counts.listeners;
      sum.intervals += f.counts.intervals;
      sum.timeouts += f.counts.timeouts;
      sum.animationFrames += f.counts.animationFrames;
      sum.detailedListeners += f.counts.detailedListeners;
      sum.detailedTimers += f.counts.detailedTimers;
    }
    return sum;
  }

  untrackedApis(): string[] {
    const all = new Set<string>();
    for (const f of this.frames.values()) for (const a of f.untrackedApis) all.add(a);
    return [...all];
  }
}

/** Short text for a frame in the views: `top`, or the frame document's path (`/ads/frame.html`, `about:srcdoc`). */
export function describeFrame(frameId: number, url: string): string {
  if (frameId === 0) return 'top';
  try {
    const u = new URL(url);
    return u.protocol === 'about:' ? url : `${u.host}${u.pathname}`;
  } catch {
    return url || `frame ${frameId}`;
  }
}
