// biome-ignore-all lint/style/useTemplate: page code concatenates primitives with `+`, exactly as it was measured and
// reviewed; no template-literal rewrite (which some targets compile to the page-replaceable String.prototype.concat).
/**
 * Everything Leakscope runs inside the inspected page, as source text for `Runtime.evaluate` /
 * `Runtime.callFunctionOn`. Written to run in any realm and to rely on nothing the page can replace:
 * - built-ins are captured once when the state is created and then verified over CDP to be the genuine natives
 *   (see `BUILTIN_NAMES`), and are only ever called through the captured `Reflect.apply`;
 * - page objects are read through own-property *descriptors* only (never `obj[key]` on a page object), so no
 *   getter runs; objects CDP reports as Proxies are never touched here;
 * - our own records are null-prototype objects, and our own arrays have a null prototype too (`S.list()`): writing
 *   `a[a.length] = x` to an ordinary array would run an index setter the page put on `Array.prototype`.
 * The state is referenced only by the scan's object group: no page global can reach it, and releasing the group
 * releases everything.
 */

import { pageExpression, pageFunction } from './page-code.ts';
import { ScanError } from './types.ts';

/** "1,2,3," → [1, 2, 3]. */
export function decodeNumbers(s: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = s.indexOf(','); i >= 0; i = s.indexOf(',', start)) {
    out.push(Number(s.slice(start, i)));
    start = i + 1;
  }
  return out;
}

/** The page's discovery records (S.finish's `disc`, ids from `first`) → [id, parent, kind code, edge]. */
export function* decodeRecords(s: string, first: number): Generator<[number, number, number, string]> {
  let id = first;
  let p = 0;
  while (p < s.length) {
    const c1 = s.indexOf(',', p);
    const c2 = s.indexOf(',', c1 + 1);
    const semi = s.indexOf(';', c2 + 1);
    const parent = Number(s.slice(p, c1));
    const kind = Number(s.slice(c1 + 1, c2));
    const edgeLength = Number(s.slice(c2 + 1, semi));
    if (c1 < 0 || c2 < 0 || semi < 0 || !Number.isInteger(edgeLength))
      throw new ScanError('cdp', 'the page returned a malformed level result');
    p = semi + 1 + edgeLength;
    yield [id++, parent, kind, s.slice(semi + 1, p)];
  }
}

/** describe()'s `names`: "index,length;" + name per function → index → name. */
export function decodeNames(s: string): Map<number, string> {
  const out = new Map<number, string>();
  let p = 0;
  while (p < s.length) {
    const c = s.indexOf(',', p);
    const semi = s.indexOf(';', c + 1);
    const length = Number(s.slice(c + 1, semi));
    if (c < 0 || semi < 0 || !Number.isInteger(length)) break;
    out.set(Number(s.slice(p, c)), s.slice(semi + 1, semi + 1 + length));
    p = semi + 1 + length;
  }
  return out;
}

/** Names the captured built-ins must have, in the order of `state.builtins` (checked against CDP descriptions). */
export const BUILTIN_NAMES = [
  'ownKeys',
  'getOwnPropertyDescriptor',
  'apply',
  'isArray',
  'hasOwn',
  'WeakMap',
  'get',
  'set',
  'getPrototypeOf',
  'setPrototypeOf',
  'defineProperty',
];

/** What frontierSlice puts in place of a window (another realm's, attached or of a removed frame). */
export const WINDOW_MARKERS = {
  attached: 'leakscope:window',
  removed: 'leakscope:removed-window',
} as const;

/** Edge kinds as numbers in the page's output (index into this list), to keep the by-value results small. */
export const PAGE_EDGE_KINDS = [
  'property',
  'element',
  'closure-variable',
  'map-entry',
  'set-entry',
  'bound',
  'private',
  'internal',
  'global',
  'lexical',
  'listener',
  'timer',
] as const;

/**
 * Holder classes: the root kinds a second holder is told apart by (index = the page's class code). Lexical and
 * window globals are one class (both are "the page's variables"); each kind of registered callback is its own.
 */
export const HOLDER_CLASSES = ['global', 'listener', 'timer', 'observer', 'expando'] as const;
/** The page's class code for a root kind (lexical bindings count as globals). */
export function holderClassOf(kind: string): number {
  const i = (HOLDER_CLASSES as readonly string[]).indexOf(kind);
  return Math.max(i, 0);
}
/** Registered callbacks: the classes the holders phase keeps walking. */
export const CALLBACK_CLASSES = [1, 2, 3];
/** Cross records (an edge into an object another holder class reached first) kept per scan. */
export const CROSS_LIMIT = 20_000;

/** "from,to,kind,edgeLength;edge" records (S.finish's `cross`) → [from, to, kind code, edge]. */
export function* decodeCross(s: string): Generator<[number, number, number, string]> {
  let p = 0;
  while (p < s.length) {
    const c1 = s.indexOf(',', p);
    const c2 = s.indexOf(',', c1 + 1);
    const c3 = s.indexOf(',', c2 + 1);
    const semi = s.indexOf(';', c3 + 1);
    const edgeLength = Number(s.slice(c3 + 1, semi));
    if (c1 < 0 || c2 < 0 || c3 < 0 || semi < 0 || !Number.isInteger(edgeLength))
      throw new ScanError('cdp', 'the page returned a malformed level result');
    const from = Number(s.slice(p, c1));
    const to = Number(s.slice(c1 + 1, c2));
    const kind = Number(s.slice(c2 + 1, c3));
    p = semi + 1 + edgeLength;
    yield [from, to, kind, s.slice(semi + 1, p)];
  }
}

/** At most this many pixel buffers (ImageData, canvas, ImageBitmap, img) are kept from the search for the image pass. */
export const IMAGE_STAGE_LIMIT = 2000;

/** What the page state is created with: the constants its records are coded by (JSON, inlined by pageExpression). */
interface PageStateConfig {
  kinds: readonly string[];
  classes: readonly string[];
  crossLimit: number;
  imageStageLimit: number;
  windowMarkers: typeof WINDOW_MARKERS;
}

/** A value of the inspected page, as the page code sees it: anything. */
// biome-ignore lint/suspicious/noExplicitAny: page values are whatever the page made; the code reads them by descriptor.
type PageValue = any;

/**
 * Creates the private state in the page and returns it (run by CREATE_STATE). A page function (page-code.ts):
 * self-contained, and its helpers are methods of `H`, never functions bound to local names.
 */
function createPageState(config: PageStateConfig): PageValue {
  // The built-ins, captured before any page value is touched (untyped: they are applied to page values only).
  const R: PageValue = Reflect,
    O: PageValue = Object,
    A: PageValue = Array;
  const ownKeys = R.ownKeys,
    gopd = R.getOwnPropertyDescriptor,
    apply = R.apply;
  const isArray = A.isArray,
    hasOwn = O.hasOwn;
  const WM: PageValue = WeakMap,
    wmGet = WM.prototype.get,
    wmSet = WM.prototype.set;
  const getProto = R.getPrototypeOf,
    setProto = R.setPrototypeOf,
    defineProp = R.defineProperty;
  const KIND = config.kinds;
  const CLASSES = config.classes;
  const IMAGE_STAGE_LIMIT = config.imageStageLimit;
  const H: PageValue = {
    __proto__: null,
    // Our arrays: no prototype, so neither writes past the end nor reads of holes reach a page accessor on Array.prototype.
    list() {
      const a: PageValue[] = [];
      setProto(a, null);
      return a;
    },
    kindOf(name: string) {
      for (let i = 0; i < KIND.length; i++) if (KIND[i] === name) return i;
      return 7;
    },
    classOf(kind: string) {
      for (let i = 0; i < CLASSES.length; i++) if (CLASSES[i] === kind) return i;
      return 0;
    },
    keyName(k: PropertyKey) {
      return typeof k === 'symbol' ? '[symbol]' : k;
    },
    fnName(v: PageValue) {
      if (typeof v !== 'function') return '';
      try {
        const d = gopd(v, 'name');
        return d && apply(hasOwn, null, [d, 'value']) && typeof d.value === 'string' ? d.value : '';
      } catch {
        return '';
      }
    },
    // Records a child of object `pid`; returns the bytes it adds to its holder's estimate.
    add(v: PageValue, pid: number, edge: PageValue, kind: number) {
      const t = typeof v;
      if (t === 'string') return 16 + v.length * 2;
      if (v === null || (t !== 'object' && t !== 'function')) return 8;
      const seen = apply(wmGet, S.ids, [v]);
      if (seen !== undefined) {
        // Pre-marked objects (-1) and roots reached twice are no second holder; one class reaching its own objects neither.
        if (pid >= 0 && seen >= 0 && crossLeft > 0 && cls[pid] !== cls[seen]) {
          crossLeft--;
          const e = '' + edge;
          cross += pid + ',' + seen + ',' + kind + ',' + e.length + ';' + e;
        }
        return 8;
      }
      if (S.next >= budget) {
        truncated = true;
        return 8;
      }
      const id = S.next++;
      apply(wmSet, S.ids, [v, id]);
      S.byId[id] = v;
      cls[id] = pid < 0 ? rootClass : cls[pid];
      nextF[nextF.length] = v;
      nextIds[nextIds.length] = id;
      // Ids are consecutive from `first`: one record "parent,kind,edgeLength;" + edge per object. (No function name
      // here: `v` may be a callable Proxy, whose getOwnPropertyDescriptor trap fnName would run; see S.describe.)
      const e = '' + edge;
      disc += pid + ',' + kind + ',' + e.length + ';' + e;
      const tr = apply(wmGet, S.targets, [v]);
      if (tr !== undefined) {
        found[found.length] = tr;
        found[found.length] = id;
      }
      return 8;
    },
    walkOwn(o: PageValue, pid: number, cap: number) {
      let b = 16;
      const arr = isArray(o);
      if (arr) {
        // Huge arrays: sample elements by index, never list millions of keys.
        const ld = gopd(o, 'length');
        const len = ld && apply(hasOwn, null, [ld, 'value']) ? ld.value : 0;
        if (len > cap) {
          const step = ((len / cap) | 0) + 1;
          S.sampled++;
          for (let i = 0; i < len; i += step) {
            const d = gopd(o, '' + i);
            if (d !== undefined && apply(hasOwn, null, [d, 'value'])) H.add(d.value, pid, '' + i, 1);
          }
          return b + len * 8;
        }
      }
      let keys: PropertyKey[];
      try {
        keys = ownKeys(o);
      } catch {
        S.crossOrigin++;
        return 0;
      } // cross-origin objects throw
      const n = keys.length;
      let step = 1;
      lastKeys = n;
      if (n > cap) {
        step = ((n / cap) | 0) + 1;
        S.sampled++;
      }
      for (let i = 0; i < n; i += step) {
        const k = keys[i];
        let d: PropertyDescriptor | undefined;
        try {
          d = gopd(o, k);
        } catch {
          continue;
        }
        if (d === undefined) continue;
        const isIndex =
          arr && typeof k === 'string' && k !== 'length' && k !== '' && k[0] >= '0' && k[0] <= '9';
        if (apply(hasOwn, null, [d, 'value'])) {
          if (arr && k === 'length') continue;
          b += H.add(d.value, pid, isIndex ? k : H.keyName(k), isIndex ? 1 : 0);
        } else {
          // Accessors: never call them; their functions can hold closures of their own.
          if (typeof d.get === 'function') H.add(d.get, pid, 'get ' + H.keyName(k), 0);
          if (typeof d.set === 'function') H.add(d.set, pid, 'set ' + H.keyName(k), 0);
        }
      }
      if (step > 1) b += (n - ((n / step) | 0)) * 8;
      return b;
    },
    dataOf(o: PageValue, k: PropertyKey) {
      const d = gopd(o, k);
      return d && apply(hasOwn, null, [d, 'value']) ? d.value : undefined;
    },
    entryLabel(k: PageValue) {
      const t = typeof k;
      if (t === 'string') return "'" + k + "'";
      if (t === 'number' || t === 'boolean' || t === 'bigint') return '' + k;
      if (k === null || k === undefined) return '' + k;
      return '(object key)';
    },
    // Expands one internal value CDP handed us ([[Scopes]], [[Entries]], [[BoundThis]], #private, ...).
    expandInternal(pid: number, what: string, name: PageValue, v: PageValue) {
      let b = 0;
      if (what === 'scopes') {
        const n = H.dataOf(v, 'length');
        for (let j = 0; j < n; j++) {
          const sc = H.dataOf(v, '' + j);
          if (!sc) continue;
          const desc = H.dataOf(sc, 'description');
          if (desc === 'Global' || desc === 'Script') continue; // window and top-level bindings are roots already
          const so = H.dataOf(sc, 'object');
          if (!so) continue;
          const ks = ownKeys(so);
          for (let i = 0; i < ks.length; i++) {
            const before = S.next;
            b += H.add(H.dataOf(so, ks[i]), pid, H.keyName(ks[i]), 2);
            // The scope a newly reached variable lives in ("Closure (replaceThing)"): the function that built it.
            if (S.next > before && typeof desc === 'string')
              scopes += before + ',' + desc.length + ';' + desc;
          }
        }
      } else if (what === 'image') {
        // Pixel buffers the classification recognised: kept for the image pass (bounded), not walked further here.
        const a = S.images;
        if (a.length < IMAGE_STAGE_LIMIT) {
          a[a.length] = v;
          S.imageKinds[S.imageKinds.length] = +name;
        }
      } else if (what === 'map' || what === 'set') {
        const n = H.dataOf(v, 'length');
        for (let j = 0; j < n; j++) {
          const e = H.dataOf(v, '' + j);
          if (!e) continue;
          if (what === 'map') {
            const key = H.dataOf(e, 'key');
            b += H.add(key, pid, 'key ' + H.entryLabel(key), 3);
            b += H.add(H.dataOf(e, 'value'), pid, H.entryLabel(key), 3);
          } else {
            b += H.add(H.dataOf(e, 'value'), pid, '' + j, 4);
          }
        }
      } else {
        b += H.add(v, pid, name, H.kindOf(what));
      }
      return b;
    },
  };
  // This realm's own Object.prototype: an object literal always gets the intrinsic, whatever the page did to `Object`.
  const OBJECT_PROTO = getProto({});
  const S: PageValue = { __proto__: null };
  S.windowMarkers = config.windowMarkers;
  S.builtins = [ownKeys, gopd, apply, isArray, hasOwn, WM, wmGet, wmSet, getProto, setProto, defineProp];
  S.list = H.list;
  S.ids = new WM();
  S.targets = new WM();
  S.next = 0;
  S.frontier = H.list();
  S.frontierIds = H.list();
  S.pending = H.list();
  S.images = H.list();
  S.imageKinds = H.list();
  // Every object the search reached, by id (only for the scan: the state goes with its object group), so the
  // objects on the chains found can be handed back to CDP afterwards (framework names, src/live/framework-labels.ts).
  S.byId = H.list();
  // The window's own `window` getter (unforgeable: the page cannot replace it) is a brand check for windows of any
  // same-origin realm: it returns a window itself, null for the window of a removed frame, and throws for anything
  // else without running page code (a Proxy fails the receiver check before any trap). CDP's deep serialization of
  // a removed frame's window never returns (the renderer hangs), so windows never reach it (see frontierSlice).
  S.winGet = (gopd(globalThis, 'window') || ({ __proto__: null } as PropertyDescriptor)).get;
  // Holder class of each object (that of the root that reached it first), an index into config.classes.
  // An edge from one class into an object another class reached first is a second holder: a "cross" record.
  const cls = H.list();
  let rootClass = 0,
    crossLeft = config.crossLimit;
  // Per expand() call:
  // disc, bytes and sizes are strings, not arrays: a by-value result of one string costs chrome.debugger almost
  // nothing, while an array of 500,000 values took 0.3-0.7 s to convert (JSON -> base::Value -> JS) on its way.
  let disc: string,
    first: number,
    found: PageValue,
    nextF: PageValue,
    nextIds: PageValue,
    budget: number,
    truncated: boolean,
    bytes: string,
    sizes: string,
    lastKeys: number,
    cross = '',
    scopes = '';
  // A data property's value, for callers outside the state (undefined for accessors and for non-objects).
  S.dataOf = (o: PageValue, k: PropertyKey) =>
    o !== null && (typeof o === 'object' || typeof o === 'function') ? H.dataOf(o, k) : undefined;
  // Stages internal values for the next expand(): specs are flat [pid, what, name] triples, values follow.
  S.stage = (specs: PageValue[], values: PageValue[]) => {
    for (let i = 0, j = 0; i < specs.length; i += 3, j++) {
      const p = S.pending;
      p[p.length] = specs[i];
      p[p.length] = specs[i + 1];
      p[p.length] = specs[i + 2];
      p[p.length] = values[j];
    }
  };
  S.begin = (maxObjects: number) => {
    disc = '';
    first = S.next;
    found = H.list();
    nextF = H.list();
    nextIds = H.list();
    bytes = '';
    sizes = '';
    budget = maxObjects;
    truncated = false;
  };
  S.finish = () => {
    S.frontier = nextF;
    S.frontierIds = nextIds;
    const c = cross,
      sc = scopes;
    cross = '';
    scopes = '';
    return {
      disc,
      first,
      found,
      bytes,
      sizes,
      truncated,
      next: S.next,
      sampled: S.sampled,
      crossOrigin: S.crossOrigin,
      cross: c,
      scopes: sc,
    };
  };
  S.sampled = 0;
  S.crossOrigin = 0;
  // Roots: flat [edgeName, kind] pairs and their values; each gets a fresh id with parent -1.
  S.addRoots = (specs: PageValue[], values: PageValue[], maxObjects: number) => {
    S.begin(maxObjects);
    for (let i = 0, j = 0; i < specs.length; i += 2, j++) {
      const v = values[j];
      const t = typeof v;
      if (v === null || (t !== 'object' && t !== 'function')) continue;
      // A root reached twice (two listeners sharing a handler) keeps its first label.
      rootClass = H.classOf(specs[i + 1]);
      H.add(v, -1, specs[i], H.kindOf(specs[i + 1]));
    }
    return S.finish();
  };
  // Walks one BFS level: own properties of the frontier (except skipped indexes) and the staged internal values.
  // With countKeys, also reports [id, own-key count] of every object walked (collection sizes for the growth rules).
  // A level in two calls, so the own-property walk runs while CDP still answers the internal-slot calls:
  // expandOwn (own properties of the frontier, except skipped indexes) then, once the internals are staged,
  // expandStaged (the staged values; it ends the level). Ids continue across the two; same order as one call.
  S.expandOwn = (skip: number[], maxObjects: number, arrayCap: number, countKeys: boolean) => {
    const F = S.frontier,
      I = S.frontierIds;
    S.begin(maxObjects);
    const skipSet = H.list();
    for (let i = 0; i < skip.length; i++) skipSet[skip[i]] = true;
    for (let i = 0; i < F.length; i++) {
      if (skipSet[i] === true) continue;
      lastKeys = -1;
      const b = H.walkOwn(F[i], I[i], arrayCap);
      bytes += I[i] + ',' + b + ',';
      if (countKeys === true && lastKeys >= 0) sizes += I[i] + ',' + lastKeys + ',';
    }
    const c = cross;
    cross = '';
    return { disc, first, found, bytes, sizes, truncated, cross: c };
  };
  S.expandStaged = () => {
    const P = S.pending;
    S.pending = H.list();
    disc = '';
    first = S.next;
    found = H.list();
    bytes = '';
    sizes = '';
    for (let i = 0; i < P.length; i += 4) {
      let b = 0;
      try {
        b = H.expandInternal(P[i], P[i + 1], P[i + 2], P[i + 3]);
      } catch {
        b = 0;
      }
      bytes += P[i] + ',' + b + ',';
    }
    return S.finish();
  };
  // Both halves in one call (tests).
  S.expand = (skip: number[], maxObjects: number, arrayCap: number, countKeys: boolean) => {
    const own = S.expandOwn(skip, maxObjects, arrayCap, countKeys);
    const rest = S.expandStaged();
    rest.disc = own.disc + rest.disc;
    rest.cross = own.cross + rest.cross;
    rest.first = own.first;
    rest.bytes = own.bytes + rest.bytes;
    rest.sizes = own.sizes;
    for (let i = 0; i < rest.found.length; i++) own.found[own.found.length] = rest.found[i];
    rest.found = own.found;
    return rest;
  };
  // Classification help for one level. `codes` has one character per frontier object from `offset` on, from CDP's
  // deep serialization (so Proxies are already excluded): 'o' object, 'a' array, 'f' function, anything else '-'.
  // Objects whose prototype is this realm's Object.prototype (or null) are plain: CDP would only say "Object" about
  // them. Everything else (class instances, other realms' objects, and the codes CDP must describe) is listed for
  // getProperties (PAGE_FN.pickAt). Returns "index,length," for the arrays and "index," for the picked;
  // getPrototypeOf of a non-Proxy runs no page code.
  S.describe = (codes: string, offset: number) => {
    const F = S.frontier;
    let lengths = '',
      pickedAt = '',
      names = '';
    for (let j = 0; j < codes.length; j++) {
      const c = codes[j],
        i = offset + j;
      if (c === 'f') {
        // A function (CDP's deep serialization said so: not a Proxy): its own `name`, read as a descriptor.
        const nm = H.fnName(F[i]);
        if (nm !== '') names += i + ',' + nm.length + ';' + nm;
      }
      if (c === 'a') {
        const d = gopd(F[i], 'length');
        const n = d && apply(hasOwn, null, [d, 'value']) ? d.value : 0;
        lengths += i + ',' + (typeof n === 'number' ? n : 0) + ',';
        continue;
      }
      if (c === 'o') {
        let p: PageValue;
        try {
          p = getProto(F[i]);
        } catch {
          p = undefined;
        }
        if (p === OBJECT_PROTO || p === null) continue;
      }
      pickedAt += i + ',';
    }
    return { lengths, pickedAt, names };
  };
  S.registerTargets = (trees: number[], nodes: PageValue[]) => {
    for (let i = 0; i < nodes.length; i++) apply(wmSet, S.targets, [nodes[i], trees[i]]);
    return nodes.length;
  };
  // Keeps in the frontier only objects first reached by the given holder classes (the holders phase: every tree is
  // explained, only registered callbacks are walked on, to find what else they keep). Returns the kept indexes.
  S.restrict = (classes: number[]) => {
    const F = S.frontier,
      I = S.frontierIds,
      nf = H.list(),
      ni = H.list();
    let kept = '';
    for (let i = 0; i < I.length; i++) {
      const c = cls[I[i]];
      let ok = false;
      for (let j = 0; j < classes.length; j++) if (classes[j] === c) ok = true;
      if (ok) {
        nf[nf.length] = F[i];
        ni[ni.length] = I[i];
        kept += i + ',';
      }
    }
    S.frontier = nf;
    S.frontierIds = ni;
    return kept;
  };
  S.markSeen = (objs: PageValue[]) => {
    for (let i = 0; i < objs.length; i++) {
      const o = objs[i];
      if (apply(wmGet, S.ids, [o]) === undefined) apply(wmSet, S.ids, [o, -1]);
    }
  };
  return S;
}

/** An expression that creates the private state and returns it (evaluate it with an objectGroup). */
export const CREATE_STATE = pageExpression(createPageState, {
  kinds: PAGE_EDGE_KINDS,
  classes: HOLDER_CLASSES,
  crossLimit: CROSS_LIMIT,
  imageStageLimit: IMAGE_STAGE_LIMIT,
  windowMarkers: WINDOW_MARKERS,
} satisfies PageStateConfig);

/**
 * Function declarations for `callFunctionOn` with `this` = the state. Values arrive as CDP call arguments: the first
 * argument(s) by value, page objects by objectId.
 */
export const PAGE_FN = {
  /** (specs, ...values) — stage internal values for the next level. */
  stage: pageFunction(function (this: PageValue, specs: PageValue[], ...values: PageValue[]) {
    this.stage(specs, values);
    return values.length;
  }),
  /** (skip, maxObjects, arrayCap, countKeys) → the own-property half of a level, by value. */
  expandOwn: pageFunction(function (
    this: PageValue,
    skip: number[],
    maxObjects: number,
    arrayCap: number,
    countKeys: boolean,
  ) {
    return this.expandOwn(skip, maxObjects, arrayCap, countKeys);
  }),
  /** () → the staged-internals half of a level, by value; ends the level (the next frontier). */
  expandStaged: pageFunction(function (this: PageValue) {
    return this.expandStaged();
  }),
  /** (specs, maxObjects, ...values) → level-0 result by value. */
  addRoots: pageFunction(function (
    this: PageValue,
    specs: PageValue[],
    maxObjects: number,
    ...values: PageValue[]
  ) {
    return this.addRoots(specs, values, maxObjects);
  }),
  /** (start, end) → a slice of the frontier, so big levels are classified in pipelined chunks. */
  frontierSlice: pageFunction(function (this: PageValue, start: number, end: number) {
    const F = this.frontier,
      out = this.list(),
      apply = this.builtins[2],
      isArray = this.builtins[3],
      winGet = this.winGet,
      markers = this.windowMarkers;
    for (let i = start; i < end && i < F.length; i++) {
      const o = F[i];
      let v = o;
      // Windows (a removed iframe's kept window hangs CDP's deep serializer) go as a marker string instead.
      if (winGet && typeof o === 'object' && o !== null) {
        try {
          if (!isArray(o)) v = apply(winGet, o, []) === null ? markers.removed : markers.attached;
        } catch {}
      }
      out[out.length] = v;
    }
    return out;
  }),
  /** (codes, offset) → {lengths, pickedAt} by value, for the frontier objects from `offset` (see S.describe). */
  describe: pageFunction(function (this: PageValue, codes: string, offset: number) {
    return this.describe(codes, offset);
  }),
  /** (indexes) → the frontier objects at those indexes (those `describe` left for CDP to classify). */
  pickAt: pageFunction(function (this: PageValue, at: number[]) {
    const F = this.frontier,
      out = this.list();
    for (let i = 0; i < at.length; i++) out[out.length] = F[at[i]];
    return out;
  }),
  /** (ids) → the objects the search gave those ids. */
  objectsAt: pageFunction(function (this: PageValue, ids: number[]) {
    const B = this.byId,
      out = this.list();
    for (let i = 0; i < ids.length; i++) out[out.length] = B[ids[i]];
    return out;
  }),
  /** (trees, ...nodes) */
  registerTargets: pageFunction(function (this: PageValue, trees: number[], ...nodes: PageValue[]) {
    return this.registerTargets(trees, nodes);
  }),
  /** (classes) → "i,i," frontier indexes kept: only objects first reached by those holder classes stay. */
  restrict: pageFunction(function (this: PageValue, classes: number[]) {
    return this.restrict(classes);
  }),
  /** (...objs) — objects never to walk (the window itself). */
  markSeen: pageFunction(function (this: PageValue, ...objs: PageValue[]) {
    this.markSeen(objs);
    return objs.length;
  }),
  /** () → no window brand check in frontierSlice (scan.ts: no document beyond the page's frames). */
  skipWindowCheck: pageFunction(function (this: PageValue) {
    this.winGet = undefined;
    return true;
  }),
  builtins: pageFunction(function (this: PageValue) {
    return this.builtins;
  }),
  /** (names) — the pristine global names, as a null-prototype lookup GLOBAL_DESCRIPTORS skips. */
  setPristine: pageFunction(function (this: PageValue, names: string[]) {
    const o: PageValue = { __proto__: null };
    for (let i = 0; i < names.length; i++) o[names[i]] = true;
    this.pristine = o;
    return names.length;
  }),
  /** (window, names) → a null-prototype holder of the named globals' *data* values (accessors are skipped). */
  globalValues: pageFunction(function (this: PageValue, win: object, names: string[]) {
    const gopd = this.builtins[1],
      apply = this.builtins[2],
      hasOwn = this.builtins[4];
    const o: PageValue = { __proto__: null };
    for (let i = 0; i < names.length; i++) {
      let d: PropertyDescriptor | undefined;
      try {
        d = gopd(win, names[i]);
      } catch {
        continue;
      }
      if (d && apply(hasOwn, null, [d, 'value'])) o[names[i]] = d.value;
    }
    return o;
  }),
} as const;

/**
 * Global property names with their descriptor flags: flat [name, configurable, enumerable, isData] quadruples.
 * Skips the names in the state's `pristine` lookup (PAGE_FN.setPristine): reading a built-in interface's
 * descriptor would instantiate it in the page (Blink creates interface objects lazily).
 */
export const GLOBAL_DESCRIPTORS = pageFunction(function (this: PageValue, win: object) {
  const ownKeys = this.builtins[0],
    gopd = this.builtins[1],
    apply = this.builtins[2],
    hasOwn = this.builtins[4];
  const ks = ownKeys(win),
    out = this.list(),
    pristine = this.pristine;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    if (typeof k !== 'string') continue;
    // Names a fresh global has too are not the page's (the caller drops them); their descriptors are never read.
    if (pristine !== undefined && pristine[k] === true) continue;
    let d: PropertyDescriptor | undefined;
    try {
      d = gopd(win, k);
    } catch {
      continue;
    }
    if (!d) continue;
    out[out.length] = k;
    out[out.length] = d.configurable === true;
    out[out.length] = d.enumerable === true;
    out[out.length] = apply(hasOwn, null, [d, 'value']);
  }
  return out;
});

/** The own property names of a fresh global (run in an isolated world, which the page cannot touch). */
export const PRISTINE_GLOBAL_NAMES = pageExpression(() =>
  Reflect.ownKeys(globalThis).filter((k) => typeof k === 'string'),
);

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * A function that reads top-level `let`/`const`/`class` bindings by name into a null-prototype holder. Names come
 * from `Runtime.globalLexicalScopeNames`; anything that is not a plain identifier is dropped, so no page text is
 * ever evaluated. Uninitialized (TDZ) bindings are skipped. Source text built from the names (a binding can only be
 * read by its name in code), so it stays a string.
 */
export function lexicalValuesFunction(names: readonly string[]): string {
  const body = names
    .filter((n) => IDENT.test(n))
    .map((n) => `try { o[${JSON.stringify(n)}] = ${n}; } catch {}`)
    .join('\n');
  return `function () { const o = { __proto__: null };\n${body}\nreturn o; }`;
}

/** (entries of the hook's timers Map) → flat [id, kind, delay] triples, by value. Reads own data properties only. */
export const TIMER_META = pageFunction(function (this: PageValue, entries: PageValue) {
  const get = this.dataOf;
  const out = this.list(),
    n = get(entries, 'length');
  for (let i = 0; i < n; i++) {
    const e = get(entries, '' + i),
      v = get(e, 'value');
    let delay = get(v, 'delay');
    if (delay === undefined) delay = get(v, 'ms');
    if (delay === undefined) delay = get(v, 'timeout');
    const kind = get(v, 'kind');
    out[out.length] = get(e, 'key');
    out[out.length] = typeof kind === 'string' ? kind : '';
    out[out.length] = typeof delay === 'number' ? delay : null;
  }
  return out;
});

/** (entries of the hook's timers Map) → array of their callbacks (by reference, aligned with TIMER_META). */
export const TIMER_CALLBACKS = pageFunction(function (this: PageValue, entries: PageValue) {
  const get = this.dataOf;
  const out = this.list(),
    n = get(entries, 'length');
  for (let i = 0; i < n; i++) out[out.length] = get(get(get(entries, '' + i), 'value'), 'callback');
  return out;
});

/**
 * (entries of the hook's timers Map, timer ids) → our list of the hook's records for those ids (undefined where
 * none), aligned with the ids: the arrow-`this` capture reads each record's `runs` to tell which timer is running.
 */
export const TIMER_RECS = pageFunction(function (this: PageValue, entries: PageValue, ids: number[]) {
  const get = this.dataOf;
  const out = this.list(),
    n = get(entries, 'length');
  for (let j = 0; j < ids.length; j++) out[j] = undefined;
  for (let i = 0; i < n; i++) {
    const e = get(entries, '' + i),
      key = get(e, 'key');
    for (let j = 0; j < ids.length; j++) if (ids[j] === key) out[j] = get(e, 'value');
  }
  return out;
});
