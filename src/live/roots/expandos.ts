/** Expando roots: objects kept in own properties of attached elements and the document. */

import { labelOf, type RemoteObjectLike } from '../labels.ts';
import { pageFunction } from '../page-code.ts';
import { captureNatives, type NativeSpec } from '../page-natives.ts';
import type { PageSession } from '../session.ts';
import { type GlobalInfo, ScanError } from '../types.ts';
import { EMPTY_REACH, type FoundRoot, holderValues, type RootsPageState } from './found.ts';

/** The first `limit` elements of the document and its open shadow roots (plus the document) are searched for expandos. */
export const EXPANDO_ELEMENT_LIMIT = 50_000;
/** At most this many expando values become roots. */
export const EXPANDO_ROOT_LIMIT = 5_000;

/** The natives the expando walk calls, as `[owner, property, how]`, and the description V8 gives each genuine one. */
export const EXPANDO_NATIVES = [
  ['Document', 'querySelectorAll', 'value'],
  ['DocumentFragment', 'querySelectorAll', 'value'],
  ['Element', 'shadowRoot', 'get'],
] as const satisfies readonly NativeSpec[];
/**
 * (doc, elementLimit, rootLimit) → flat `[holder, key, value, …, rootLimitHit, elementLimitHit]`: own data
 * properties holding objects on the document and its first elements, open shadow roots included. DOM attributes
 * live on prototypes, so own keys are the page's expandos; only descriptors are read (no getter runs) and the only
 * DOM calls are the verified natives of EXPANDO_NATIVES.
 */
export const EXPANDOS = pageFunction(function (
  this: RootsPageState,
  doc: object,
  elementLimit: number,
  rootLimit: number,
) {
  const ownKeys = this.builtins[0],
    gopd = this.builtins[1],
    apply = this.builtins[2],
    hasOwn = this.builtins[4];
  // A null-prototype record, not an array: index writes never meet a setter the page put on Array.prototype.
  const out = { __proto__: null } as Record<number, unknown>;
  let n = 0,
    roots = 0,
    truncated = false;
  const H = {
    __proto__: null,
    visit(el: object): void {
      let keys: (string | symbol)[];
      try {
        keys = ownKeys(el);
      } catch {
        return;
      }
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k];
        if (typeof key !== 'string') continue;
        let d: PropertyDescriptor | undefined;
        try {
          d = gopd(el, key);
        } catch {
          continue;
        }
        if (!d || !apply(hasOwn, null, [d, 'value'])) continue;
        const v = d.value;
        if (v === null || (typeof v !== 'object' && typeof v !== 'function')) continue;
        if (roots >= rootLimit) {
          truncated = true;
          return;
        }
        out[n++] = el;
        out[n++] = key;
        out[n++] = v;
        roots++;
      }
    },
  };
  const N = this.expandoNatives,
    docQsa = N[0],
    fragQsa = N[1],
    shadowRoot = N[2];
  H.visit(doc);
  // The document's elements, then those of every open shadow root found on the way (queued, not recursed).
  const scopes = { __proto__: null, 0: doc } as Record<number, object>;
  let scopeCount = 1,
    seen = 0,
    more = false;
  for (let s = 0; s < scopeCount && !more; s++) {
    const list = apply((s === 0 ? docQsa : fragQsa)!, scopes[s], ['*']);
    for (let i = 0; ; i++) {
      const d = gopd(list, `${i}`);
      if (!d) break;
      if (seen >= elementLimit) {
        more = true;
        break;
      }
      seen++;
      const el = d.value;
      H.visit(el);
      const sr = apply(shadowRoot!, el, []);
      if (sr) scopes[scopeCount++] = sr;
    }
  }
  out[n++] = truncated;
  out[n++] = more;
  return out;
});

export interface ExpandoRootInfo {
  /** Label of the element (or `document`) holding the property. */
  holder: string;
  key: string;
  reach: GlobalInfo['reach'];
}

/**
 * Objects kept in own properties of attached elements and the document (`el.cache = removedTree`, jQuery-style data
 * caches): the page keeps them as long as the element is in the document, yet no global leads there.
 * Skipped (with the reason) when the page replaced `querySelectorAll`: then no page code runs and expandos are not
 * roots.
 */
export async function expandoRoots(
  s: PageSession,
  stateId: string,
  windowId: string,
  documentId: string,
): Promise<
  | { roots: FoundRoot<ExpandoRootInfo>[]; rootLimitHit: boolean; elementLimitHit: boolean }
  | { skipped: string }
> {
  let v: Map<string, RemoteObjectLike>;
  try {
    const replaced = await captureNatives(s, stateId, windowId, EXPANDO_NATIVES, 'expandoNatives');
    if (replaced) return { skipped: `the page replaced ${replaced[0]}.prototype.${replaced[1]}` };
    const list = await s.call(stateId, EXPANDOS, [
      { objectId: documentId },
      { value: EXPANDO_ELEMENT_LIMIT },
      { value: EXPANDO_ROOT_LIMIT },
    ]);
    v = await holderValues(s, list.objectId!);
  } catch (e) {
    if (e instanceof ScanError && e.reason === 'cdp') return { skipped: e.message };
    throw e;
  }
  const roots: FoundRoot<ExpandoRootInfo>[] = [];
  let i = 0;
  // The last two entries are the flags; every record before them has three.
  for (; v.has(String(i + 3)); i += 3) {
    const el = v.get(String(i))!;
    const val = v.get(String(i + 2))!;
    const holder = el.description === '#document' ? 'document' : labelOf(el);
    roots.push({
      info: { holder, key: String(v.get(String(i + 1))?.value ?? ''), reach: EMPTY_REACH },
      objectId: val.objectId ?? null,
    });
  }
  return {
    roots,
    rootLimitHit: v.get(String(i))?.value === true,
    elementLimitHit: v.get(String(i + 1))?.value === true,
  };
}
