/**
 * The page side of image gathering, as function sources for `Runtime.callFunctionOn` with `this` = the scan's
 * private state (page-functions.ts). Every DOM getter and method is taken once from the built-in prototypes through
 * the state's captured `Reflect.getOwnPropertyDescriptor`, verified over CDP to be the genuine native of that name
 * (`IMAGE_NATIVES`), and only ever called through the captured `Reflect.apply`: a page that overrides
 * `naturalWidth` or `getBoundingClientRect` runs none of its code, and one that replaced them gets no image data.
 */

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
] as const;

/** The description V8 gives the genuine native (not the page's `toString`): what the verification compares. */
export function nativeDescription([, prop, how]: (typeof IMAGE_NATIVES)[number]): string {
  return `function ${how === 'get' ? `get ${prop}` : prop}() { [native code] }`;
}

/** (window) → the natives of IMAGE_NATIVES, in order (undefined where missing); also kept as `this.imageNatives`. */
export const CAPTURE_IMAGE_NATIVES = `function (win) {
  const gopd = this.builtins[1], apply = this.builtins[2], hasOwn = this.builtins[4];
  const desc = (o, k) => { if (o === null || (typeof o !== 'object' && typeof o !== 'function')) return undefined;
    try { return gopd(o, k); } catch { return undefined; } };
  const data = (o, k) => { const d = desc(o, k); return d && apply(hasOwn, null, [d, 'value']) ? d.value : undefined; };
  const table = ${JSON.stringify(IMAGE_NATIVES)};
  const out = this.list();
  for (let i = 0; i < table.length; i++) {
    const owner = table[i][0], prop = table[i][1], how = table[i][2];
    const o = owner === 'window' ? win : data(data(win, owner), 'prototype');
    const d = desc(o, prop);
    const isData = d !== undefined && apply(hasOwn, null, [d, 'value']);
    out[i] = d === undefined ? undefined : how === 'get' ? (isData ? undefined : d.get) : (isData ? d.value : undefined);
  }
  this.imageNatives = out;
  return out;
}`;

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
export const MEASURE_IMAGES = `function (win, doc, limit, cssLimit, kinds, trees, ...objs) {
  const S = this, B = S.builtins, gopd = B[1], apply = B[2], hasOwn = B[4], WM = B[5], wmGet = B[6], wmSet = B[7];
  const N = S.imageNatives;
  const call = (f, o, args) => apply(f, o, args === undefined ? [] : args);
  const seen = new WM();
  const recs = S.list();
  let count = 0, truncated = false, cssTruncated = false;
  const dpr = call(N[19], win), vw = call(N[20], win), vh = call(N[21], win);
  const str = (s, max) => typeof s !== 'string' ? '' : s.length > max ? call(N[22], s, [0, max]) : s;
  const box = (o, r) => {
    // r: [connected, x, y, w, h, hidden]
    r[0] = call(N[4], o) === true;
    if (!r[0]) return;
    const b = call(N[5], o);
    r[1] = call(N[6], b); r[2] = call(N[7], b); r[3] = call(N[8], b); r[4] = call(N[9], b);
    r[5] = call(N[18], call(N[17], win, [o]), ['visibility']) === 'hidden';
  };
  const push = (kind, label, labelLength, w, h, r, lazy, o, tree) => {
    const id = o === null ? undefined : apply(wmGet, S.ids, [o]);
    const n = recs.length;
    recs[n] = kind; recs[n + 1] = label; recs[n + 2] = labelLength; recs[n + 3] = w; recs[n + 4] = h;
    recs[n + 5] = r[0]; recs[n + 6] = r[1]; recs[n + 7] = r[2]; recs[n + 8] = r[3]; recs[n + 9] = r[4];
    recs[n + 10] = r[5]; recs[n + 11] = lazy; recs[n + 12] = typeof id === 'number' ? id : -1; recs[n + 13] = tree;
  };
  const record = (o, kind, tree) => {
    if (o === null || typeof o !== 'object') return;
    if (apply(wmGet, seen, [o]) !== undefined) return;
    if (count >= limit) { truncated = true; return; }
    apply(wmSet, seen, [o, 1]);
    count++;
    let w = 0, h = 0, label = '', len = 0, lazy = false;
    const r = [false, 0, 0, 0, 0, false];
    try {
      if (kind === 0) {
        w = call(N[0], o); h = call(N[1], o);
        const src = call(N[2], o);
        label = str(src, 300); len = typeof src === 'string' ? src.length : 0;
        lazy = call(N[3], o) === 'lazy';
      } else if (kind === 1) { w = call(N[10], o); h = call(N[11], o); }
      else if (kind === 2) { w = call(N[12], o); h = call(N[13], o); }
      else if (kind === 3) { w = call(N[14], o); h = call(N[15], o); }
      if (kind <= 1) box(o, r);
    } catch { /* a half-torn-down object: report what was read */ }
    push(kind, label, len, w, h, r, lazy, o, tree);
  };
  const each = (list, fn) => {
    for (let i = 0; ; i++) {
      const d = gopd(list, '' + i);
      if (d === undefined || !apply(hasOwn, null, [d, 'value'])) return i;
      if (fn(d.value, i) === false) return i;
    }
  };
  for (let i = 0; i < objs.length; i++) record(objs[i], kinds[i], trees[i]);
  const staged = S.images, stagedKinds = S.imageKinds;
  for (let i = 0; i < staged.length; i++) record(staged[i], stagedKinds[i], -1);
  each(call(N[16], doc, ['img']), (el) => { record(el, 0, -1); return !truncated; });
  each(call(N[16], doc, ['canvas']), (el) => { record(el, 1, -1); return !truncated; });
  if (cssLimit > 0) {
    const all = call(N[16], doc, ['*']);
    const seenEls = each(all, (el, i) => {
      if (i >= cssLimit) { cssTruncated = true; return false; }
      if (count >= limit) { truncated = true; return false; }
      let bg;
      try { bg = call(N[18], call(N[17], win, [el]), ['background-image']); } catch { return true; }
      if (typeof bg !== 'string' || call(N[23], bg, ['url(']) < 0) return true;
      const r = [false, 0, 0, 0, 0, false];
      try { box(el, r); } catch { return true; }
      count++;
      push(4, str(bg, 2000), bg.length, 0, 0, r, false, null, -1);
      return true;
    });
    if (seenEls > cssLimit) cssTruncated = true;
  }
  return { dpr, vw, vh, truncated, cssTruncated, recs };
}`;
