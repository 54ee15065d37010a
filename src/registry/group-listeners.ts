import type { Callsite } from '../protocol/messages.ts';
import type { LiveListener } from './page-registry.ts';

/** Listeners that share a target description, an event type and a callsite: one row in the Listeners view. */
export interface ListenerGroup {
  key: string;
  target: string;
  type: string;
  callsite: Callsite | null;
  handler: string;
  count: number;
  /** How many of them sit on targets that are no longer in their document. */
  detachedCount: number;
  capture: number;
  once: number;
  passive: number;
  signal: number;
  frames: number[];
  /** Oldest registration (ms since the epoch). */
  firstAddedAt: number;
  listeners: LiveListener[];
}

export function groupListeners(listeners: readonly LiveListener[]): ListenerGroup[] {
  const groups = new Map<string, ListenerGroup>();
  for (const l of listeners) {
    const cs = l.callsite ? `${l.callsite.url}:${l.callsite.line}:${l.callsite.column}` : `(${l.handler})`;
    const key = `${l.frameId}\u0000${l.target}\u0000${l.type}\u0000${cs}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        target: l.target,
        type: l.type,
        callsite: l.callsite,
        handler: l.handler,
        count: 0,
        detachedCount: 0,
        capture: 0,
        once: 0,
        passive: 0,
        signal: 0,
        frames: [],
        firstAddedAt: l.addedAtEpoch,
        listeners: [],
      };
      groups.set(key, g);
    }
    g.count++;
    if (l.targetDetached) g.detachedCount++;
    if (l.capture) g.capture++;
    if (l.once) g.once++;
    if (l.passive) g.passive++;
    if (l.signal) g.signal++;
    if (!g.frames.includes(l.frameId)) g.frames.push(l.frameId);
    g.firstAddedAt = Math.min(g.firstAddedAt, l.addedAtEpoch);
    g.listeners.push(l);
  }
  return [...groups.values()];
}
