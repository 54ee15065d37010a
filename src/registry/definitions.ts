/**
 * "Defined at" for registrations the hook saw without a callsite (made before a panel connected): where their
 * callbacks are defined, learned from the last scan. The scan reads listeners' handler locations from
 * `DOMDebugger.getEventListeners` and timers' callbacks' `[[FunctionLocation]]`; this matches them to the hook's
 * records — timers by id, listeners by target, type, capture and handler, and only when every listener of that
 * description is defined in one place (a guess would send the user to the wrong line).
 */
import { type Callsite, samePosition } from '../callsite.ts';
import type { ScanResult } from '../live/types.ts';
import type { LiveListener, LiveTimer } from './page-registry.ts';

export interface Definitions {
  /** Listener description (`listenerKey`) → where its handler is defined; absent when unknown or ambiguous. */
  readonly listeners: ReadonlyMap<string, Callsite>;
  /** Timer id in the top frame → where its callback is defined. */
  readonly timers: ReadonlyMap<number, Callsite>;
}

export const NO_DEFINITIONS: Definitions = { listeners: new Map(), timers: new Map() };

/** A listener's description, the same from the hook's record and from CDP (`bound f` and `f()` are `f`). */
export function listenerKey(target: string, type: string, capture: boolean, handler: string): string {
  const name = handler.replace(/^bound /, '').replace(/\(\)$/, '');
  return `${target}\u0000${type}\u0000${capture ? 1 : 0}\u0000${name}`;
}

export function definitionsOf(scan: ScanResult): Definitions {
  const found = new Map<string, Callsite | 'ambiguous'>();
  for (const l of scan.listeners) {
    if (!l.callsite || l.registryTarget === null) continue;
    const key = listenerKey(l.registryTarget, l.type, l.useCapture, l.handler);
    const seen = found.get(key);
    if (seen === undefined) found.set(key, l.callsite);
    else if (seen !== 'ambiguous' && !samePosition(seen, l.callsite)) found.set(key, 'ambiguous');
  }
  const listeners = new Map<string, Callsite>();
  for (const [key, c] of found) if (c !== 'ambiguous') listeners.set(key, c);
  const timers = new Map<number, Callsite>();
  for (const t of scan.timers ?? []) if (t.callsite) timers.set(t.id, t.callsite);
  return { listeners, timers };
}

/** The hook's callsite when it recorded one, else where the handler is defined (when known). */
export function listenerCallsite(l: LiveListener, defs: Definitions): Callsite | null {
  return l.callsite ?? defs.listeners.get(listenerKey(l.target, l.type, l.capture, l.handler)) ?? null;
}

/** The hook's callsite when it recorded one, else where the callback is defined (top frame: the scanned one). */
export function timerCallsite(t: LiveTimer, defs: Definitions): Callsite | null {
  return t.callsite ?? (t.frameId === 0 ? (defs.timers.get(t.id) ?? null) : null);
}
