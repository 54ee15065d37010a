/** Observer roots: callbacks of the Mutation/Resize/Intersection observers the hook saw created. */

import type { RemoteObjectLike } from '../labels.ts';
import { pageFunction } from '../page-code.ts';
import type { PageSession } from '../session.ts';
import { type GlobalInfo, ScanError } from '../types.ts';
import { EMPTY_REACH, type FoundRoot, holderValues, type RootsPageState } from './found.ts';

/** What a root from the hook's observer records or from an expando says about itself. */
export interface ObserverRootInfo {
  kind: string;
  observing: boolean;
  /** `url:line` where the observer was created (only when a panel was connected then). */
  createdAt: string | null;
  reach: GlobalInfo['reach'];
}

/** (hook state) → the hook's flat `[observer, callback, kind, observing, createdAt, …]` (observers.ts). */
const OBSERVER_LIST = pageFunction(function (this: RootsPageState, st: object) {
  const gopd = this.builtins[1],
    apply = this.builtins[2],
    hasOwn = this.builtins[4];
  const d = gopd(st, 'liveObservers');
  if (!d || !apply(hasOwn, null, [d, 'value']) || typeof d.value !== 'function') return [];
  return apply(d.value, null, []);
});

/** Callbacks of the observers the hook saw created that are still alive after the scan's GC. */
export async function hookObservers(
  s: PageSession,
  stateId: string,
  hookStateId: string,
): Promise<FoundRoot<ObserverRootInfo>[] | { skipped: string }> {
  let v: Map<string, RemoteObjectLike>;
  try {
    const list = await s.call(stateId, OBSERVER_LIST, [{ objectId: hookStateId }]);
    if (!list.objectId) return [];
    v = await holderValues(s, list.objectId);
  } catch (e) {
    // A failure here costs these roots, not the scan.
    if (e instanceof ScanError && e.reason === 'cdp') return { skipped: e.message };
    throw e;
  }
  const out: FoundRoot<ObserverRootInfo>[] = [];
  for (let i = 0; v.has(String(i + 1)); i += 5) {
    const cb = v.get(String(i + 1))!;
    out.push({
      info: {
        kind: String(v.get(String(i + 2))?.value ?? 'Observer'),
        observing: v.get(String(i + 3))?.value === true,
        createdAt:
          typeof v.get(String(i + 4))?.value === 'string' ? String(v.get(String(i + 4))!.value) : null,
        reach: EMPTY_REACH,
      },
      objectId: cb.objectId ?? null,
      source: cb.description,
    });
  }
  return out;
}

/** `ResizeObserver (widget.js:14)`; `(disconnected)` when it observes nothing but something keeps it alive. */
export function observerLabel(o: ObserverRootInfo): string {
  const where = o.createdAt ? shortCallsite(o.createdAt) : '';
  const parts = [where, o.observing ? '' : 'disconnected'].filter(Boolean);
  return parts.length ? `${o.kind} (${parts.join(', ')})` : o.kind;
}

/** `https://x/app/widget.js:14` → `widget.js:14`. */
export function shortCallsite(url: string): string {
  const m = /([^/?#]+(?:\?[^#]*)?:\d+)$/.exec(url);
  return m ? m[1].replace(/\?[^:]*:/, ':') : url;
}
