/**
 * The page side of image gathering, as function sources for `Runtime.callFunctionOn` with `this` = the scan's
 * private state (page-functions.ts). Every DOM getter and method is taken once from the built-in prototypes through
 * the state's captured `Reflect.getOwnPropertyDescriptor`, verified over CDP to be the genuine native of that name
 * (`IMAGE_NATIVES`), and only ever called through the captured `Reflect.apply`: a page that overrides
 * `naturalWidth` or `getBoundingClientRect` runs none of its code, and one that replaced them gets no image data.
 */

import { pageFunction } from './page-code.ts';
import type { NativeSpec } from './page-natives.ts';

/** [owner, property, how]: owner is an interface whose prototype holds it, or 'window' / 'String' itself. */
export const IMAGE_NATIVES = [
  ['HTMLImageElement', 'naturalWidth', 'get'],
  ['HTMLImageElement', 'naturalHeight', 'get'],
  ['HTMLImageElement', 'currentSrc', 'get'],
  ['HTMLImageElement', 'loading', 'get'],
  ['Node', 'isConnected', 'get'],
  ['Element', 'getBoundingClientRect', 'value'],
  ['DOMRectReadOnly', 'x', 'get'],
  ['DOMRectReadOnly', 'y', 'get'],
  ['DOMRectReadOnly', 'width', 'get'],
  ['DOMRectReadOnly', 'height', 'get'],
  ['HTMLCanvasElement', 'width', 'get'],
  ['HTMLCanvasElement', 'height', 'get'],
  ['ImageData', 'width', 'get'],
  ['ImageData', 'height', 'get'],
  ['ImageBitmap', 'width', 'get'],
  ['ImageBitmap', 'height', 'get'],
  ['Document', 'querySelectorAll', 'value'],
  ['window', 'getComputedStyle', 'value'],
  ['CSSStyleDeclaration', 'getPropertyValue', 'value'],
  ['window', 'devicePixelRatio', 'get'],
  ['window', 'innerWidth', 'get'],
  ['window', 'innerHeight', 'get'],
  ['String', 'slice', 'value'],
  ['String', 'indexOf', 'value'],
] as const satisfies readonly NativeSpec[];

/** A page built-in as captured: called only through the captured `Reflect.apply`. */
type PageNative = (...args: never[]) => unknown;

/** What these functions use of the scan's private state (page-functions.ts), `S.builtins` by index. */
interface ImagePageState {
  builtins: {
    1: typeof Reflect.getOwnPropertyDescriptor;
    2: typeof Reflect.apply;
    4: typeof Object.hasOwn;
    5: WeakMapConstructor;
    6: WeakMap<object, unknown>['get'];
    7: WeakMap<object, unknown>['set'];
  };
  /** A null-prototype array. */
  list<T = unknown>(): T[];
  ids: WeakMap<object, unknown>;
  images: unknown[];
  imageKinds: number[];
  /** captureNatives' answer for IMAGE_NATIVES (page-natives.ts), verified genuine before MEASURE_IMAGES runs. */
  imageNatives: (PageNative | undefined)[];
}

/** Fields per image record in MEASURE_IMAGES' output. */
export const IMAGE_RECORD_FIELDS = 14;
/** Kind codes in the page's records. */
export const PAGE_IMAGE_KINDS = ['img', 'canvas', 'image-data', 'image-bitmap', 'css-background'] as const;

/**
 * (win, doc, limit, cssLimit, kinds, trees, ...objs) → by value `{dpr, vw, vh, truncated, cssTruncated, recs}`.
 * Candidates: `objs` (detached elements, with their kind codes and tree indexes), the objects the search staged
 * (`this.images`), the document's `<img>` and `<canvas>`, then computed `background-image`s of the first
 * `cssLimit` elements. Each object once; at most `limit` records. A record is IMAGE_RECORD_FIELDS values:
 * kind, label, labelLength, width, height, connected, x, y, boxWidth, boxHeight, hidden, lazy, searchId, tree.
 */
export const MEASURE_IMAGES = pageFunction(function (
  this: ImagePageState,
  win: object,
  doc: object,
  limit: number,
  cssLimit: number,
  kinds: number[],
  trees: number[],
  ...objs: unknown[]
) {
  const S = this,
    B = S.builtins,
    gopd = B[1],
    apply = B[2],
    hasOwn = B[4],
    WM = B[5],
    wmGet = B[6],
    wmSet = B[7];
  const N = S.imageNatives;
  const seen = new WM();
  const recs = S.list();
  let count = 0,
    truncated = false,
    cssTruncated = false;
  const H = {
    __proto__: null,
    call(f: PageNative | undefined, o: unknown, args?: unknown[]): unknown {
      return apply(f!, o, args === undefined ? [] : args);
    },
    str(s: unknown, max: number): string {
      return typeof s !== 'string' ? '' : s.length > max ? (H.call(N[22], s, [0, max]) as string) : s;
    },
    box(o: unknown, r: unknown[]): void {
      // r: [connected, x, y, w, h, hidden]
      r[0] = H.call(N[4], o) === true;
      if (!r[0]) return;
      const b = H.call(N[5], o);
      r[1] = H.call(N[6], b);
      r[2] = H.call(N[7], b);
      r[3] = H.call(N[8], b);
      r[4] = H.call(N[9], b);
      r[5] = H.call(N[18], H.call(N[17], win, [o]), ['visibility']) === 'hidden';
    },
    push(
      kind: number,
      label: string,
      labelLength: number,
      w: unknown,
      h: unknown,
      r: unknown[],
      lazy: boolean,
      o: object | null,
      tree: number,
    ): void {
      const id = o === null ? undefined : apply(wmGet, S.ids, [o]);
      const n = recs.length;
      recs[n] = kind;
      recs[n + 1] = label;
      recs[n + 2] = labelLength;
      recs[n + 3] = w;
      recs[n + 4] = h;
      recs[n + 5] = r[0];
      recs[n + 6] = r[1];
      recs[n + 7] = r[2];
      recs[n + 8] = r[3];
      recs[n + 9] = r[4];
      recs[n + 10] = r[5];
      recs[n + 11] = lazy;
      recs[n + 12] = typeof id === 'number' ? id : -1;
      recs[n + 13] = tree;
    },
    record(o: unknown, kind: number, tree: number): void {
      if (o === null || typeof o !== 'object') return;
      if (apply(wmGet, seen, [o]) !== undefined) return;
      if (count >= limit) {
        truncated = true;
        return;
      }
      apply(wmSet, seen, [o, 1]);
      count++;
      let w: unknown = 0,
        h: unknown = 0,
        label = '',
        len = 0,
        lazy = false;
      const r: unknown[] = [false, 0, 0, 0, 0, false];
      try {
        if (kind === 0) {
          w = H.call(N[0], o);
          h = H.call(N[1], o);
          const src = H.call(N[2], o);
          label = H.str(src, 300);
          len = typeof src === 'string' ? src.length : 0;
          lazy = H.call(N[3], o) === 'lazy';
        } else if (kind === 1) {
          w = H.call(N[10], o);
          h = H.call(N[11], o);
        } else if (kind === 2) {
          w = H.call(N[12], o);
          h = H.call(N[13], o);
        } else if (kind === 3) {
          w = H.call(N[14], o);
          h = H.call(N[15], o);
        }
        if (kind <= 1) H.box(o, r);
      } catch {
        /* a half-torn-down object: report what was read */
      }
      H.push(kind, label, len, w, h, r, lazy, o, tree);
    },
    each(list: object, fn: (v: unknown, i: number) => boolean): number {
      for (let i = 0; ; i++) {
        const d = gopd(list, '' + i);
        if (d === undefined || !apply(hasOwn, null, [d, 'value'])) return i;
        if (fn(d.value, i) === false) return i;
      }
    },
  };
  const dpr = H.call(N[19], win),
    vw = H.call(N[20], win),
    vh = H.call(N[21], win);
  for (let i = 0; i < objs.length; i++) H.record(objs[i], kinds[i], trees[i]);
  const staged = S.images,
    stagedKinds = S.imageKinds;
  for (let i = 0; i < staged.length; i++) H.record(staged[i], stagedKinds[i], -1);
  H.each(H.call(N[16], doc, ['img']) as object, (el) => {
    H.record(el, 0, -1);
    return !truncated;
  });
  H.each(H.call(N[16], doc, ['canvas']) as object, (el) => {
    H.record(el, 1, -1);
    return !truncated;
  });
  if (cssLimit > 0) {
    const all = H.call(N[16], doc, ['*']) as object;
    const seenEls = H.each(all, (el, i) => {
      if (i >= cssLimit) {
        cssTruncated = true;
        return false;
      }
      if (count >= limit) {
        truncated = true;
        return false;
      }
      let bg: unknown;
      try {
        bg = H.call(N[18], H.call(N[17], win, [el]), ['background-image']);
      } catch {
        return true;
      }
      if (typeof bg !== 'string' || (H.call(N[23], bg, ['url(']) as number) < 0) return true;
      const r: unknown[] = [false, 0, 0, 0, 0, false];
      try {
        H.box(el, r);
      } catch {
        return true;
      }
      count++;
      H.push(4, H.str(bg, 2000), bg.length, 0, 0, r, false, null, -1);
      return true;
    });
    if (seenEls > cssLimit) cssTruncated = true;
  }
  return { dpr, vw, vh, truncated, cssTruncated, recs };
});
