import { SafeMap } from './pristine.ts';
import type { Holder, ListenerRec } from './state.ts';

/**
 * A target's listener → first-record table. Most targets have a handful of listeners, for which a linear scan
 * of a small flat array beats a Map (no hashing, no rehash as entries come and go); past SMALL listeners it
 * becomes a SafeMap. The array is preallocated and filled with null, so reads and writes never touch holes
 * (which would consult Array.prototype, where a page could have put accessors).
 */
const SMALL = 4;
export const emptyFlat = (): (object | null)[] => [null, null, null, null, null, null, null, null];

export function slotGet(h: Holder, key: object): ListenerRec | undefined {
  const flat = h.flat;
  if (flat === null) return h.map!.get(key);
  for (let i = 0; i < h.used; i += 2) if (flat[i] === key) return flat[i + 1] as ListenerRec;
  return undefined;
}

export function slotSet(h: Holder, key: object, rec: ListenerRec): void {
  const flat = h.flat;
  if (flat === null) {
    h.map!.set(key, rec);
    return;
  }
  for (let i = 0; i < h.used; i += 2) {
    if (flat[i] === key) {
      flat[i + 1] = rec;
      return;
    }
  }
  if (h.used < SMALL * 2) {
    flat[h.used] = key;
    flat[h.used + 1] = rec;
    h.used += 2;
    return;
  }
  const map = new SafeMap<object, ListenerRec>();
  for (let i = 0; i < h.used; i += 2) map.set(flat[i] as object, flat[i + 1] as ListenerRec);
  map.set(key, rec);
  h.map = map;
  h.flat = null;
  h.used = 0;
}

export function slotDelete(h: Holder, key: object): void {
  const flat = h.flat;
  if (flat === null) {
    h.map!.delete(key);
    return;
  }
  for (let i = 0; i < h.used; i += 2) {
    if (flat[i] === key) {
      // Move the last pair into the gap; clear the old last pair so no listener stays referenced.
      const last = h.used - 2;
      flat[i] = flat[last];
      flat[i + 1] = flat[last + 1];
      flat[last] = null;
      flat[last + 1] = null;
      h.used = last;
      return;
    }
  }
}

export function slotForEach(h: Holder, fn: (first: ListenerRec, key: object) => void): void {
  const flat = h.flat;
  if (flat === null) {
    h.map!.forEach(fn);
    return;
  }
  for (let i = 0; i < h.used; i += 2) fn(flat[i + 1] as ListenerRec, flat[i] as object);
}
