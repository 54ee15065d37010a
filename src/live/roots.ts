import { definedAt } from '../callsite.ts';
import type { DomNodeLike } from './detached.ts';
import { labelNodes, registryLabels } from './detached.ts';
import { labelOf, type RemoteObjectLike } from './labels.ts';
import { pageFunction } from './page-code.ts';
import {
  GLOBAL_DESCRIPTORS,
  lexicalValuesFunction,
  PAGE_FN,
  TIMER_CALLBACKS,
  TIMER_META,
  TIMER_RECS,
} from './page-functions.ts';
import { captureNatives, type NativeSpec } from './page-natives.ts';
import type { PageSession } from './session.ts';
import { type Callsite, type GlobalInfo, type ListenerInfo, ScanError, type TimerInfo } from './types.ts';

/** A root value found on the page with what we know about it. */
export interface FoundRoot<T> {
  info: T;
  objectId: string | null;
  /** CDP's description of the root object (for functions: their source). */
  source?: string;
}

const EMPTY_REACH = { objects: 0, bytes: 0 };

function valueType(o: RemoteObjectLike): string {
  return o.subtype && o.subtype !== 'null' ? o.subtype : o.type;
}

/** Values of a holder object's own data properties, by name. */
async function holderValues(s: PageSession, holderId: string): Promise<Map<string, RemoteObjectLike>> {
  const props = await s.properties(holderId);
  return new Map(props.result.filter((p) => p.value).map((p) => [p.name, p.value!]));
}

/** The window's own properties that a pristine global of the same kind lacks: what the page added. */
export async function pageGlobals(
  s: PageSession,
  stateId: string,
  windowId: string,
  pristine: ReadonlySet<string>,
): Promise<FoundRoot<GlobalInfo>[]> {
  const flat = (await s.call(stateId, GLOBAL_DESCRIPTORS, [{ objectId: windowId }], { byValue: true }))
    .value as Array<string | boolean>;
  const names: string[] = [];
  const configurable = new Map<string, boolean>();
  for (let i = 0; i < flat.length; i += 4) {
    const name = flat[i] as string;
    if (pristine.has(name)) continue;
    names.push(name);
    configurable.set(name, flat[i + 1] as boolean);
  }
  if (names.length === 0) return [];
  const holder = await s.call(stateId, PAGE_FN.globalValues, [{ objectId: windowId }, { value: names }]);
  const values = await holderValues(s, holder.objectId!);
  return names
    .filter((n) => values.has(n))
    .map((name) => {
      const v = values.get(name)!;
      return {
        info: {
          name,
          declaration: configurable.get(name) ? 'assigned' : 'var',
          undeclaredAssignment: null,
          valueType: valueType(v),
          description: labelOf(v),
          reach: EMPTY_REACH,
        },
        objectId: v.objectId ?? null,
      };
    });
}

/** Top-level `let`/`const`/`class` bindings of the page's classic scripts. */
export async function lexicalGlobals(s: PageSession, stateId: string): Promise<FoundRoot<GlobalInfo>[]> {
  const { names } = await s.send<{ names: string[] }>('Runtime.globalLexicalScopeNames');
  if (names.length === 0) return [];
  const holder = await s.call(stateId, lexicalValuesFunction(names));
  const values = await holderValues(s, holder.objectId!);
  return names
    .filter((n) => values.has(n))
    .map((name) => {
      const v = values.get(name)!;
      return {
        info: {
          name,
          declaration: 'lexical',
          undeclaredAssignment: null,
          valueType: valueType(v),
          description: labelOf(v),
          reach: EMPTY_REACH,
        },
        objectId: v.objectId ?? null,
      };
    });
}

interface CdpListener {
  type: string;
  useCapture: boolean;
  passive: boolean;
  once: boolean;
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
  /** For a bound function, its target function; for a `{handleEvent}` object, that method. */
  handler?: RemoteObjectLike;
  /** What was passed to addEventListener (the bound function, the object), i.e. what the target keeps alive. */
  originalHandler?: RemoteObjectLike;
  backendNodeId?: number;
}

function listenerCallsite(l: CdpListener, handler: string): Callsite {
  return definedAt(l.scriptId, l.lineNumber, l.columnNumber, handler.replace(/\(\)$/, ''));
}

/** Listeners on `objectId` and, for nodes, on its whole subtree (handlers are filled because the id has a group). */
export async function listenersOf(
  s: PageSession,
  objectId: string,
  targetLabel: (l: CdpListener) => string,
  attached: boolean,
  detachedTree: number | null,
  registryTarget: (l: CdpListener) => string | null = () => null,
): Promise<FoundRoot<ListenerInfo>[]> {
  const { listeners } = await s.send<{ listeners: CdpListener[] }>('DOMDebugger.getEventListeners', {
    objectId,
    depth: -1,
    pierce: true,
  });
  return listeners.map((l) => {
    const handler = l.handler ? labelOf(l.handler) : '(unknown)';
    return {
      info: {
        type: l.type,
        target: targetLabel(l),
        attached,
        detachedTree,
        handler,
        useCapture: l.useCapture,
        once: l.once,
        passive: l.passive,
        callsite: listenerCallsite(l, handler),
        registryTarget: registryTarget(l),
        reach: EMPTY_REACH,
      },
      // The search starts from what the target holds: `handler` would skip a bound function's [[BoundThis]].
      objectId: l.originalHandler?.objectId ?? l.handler?.objectId ?? null,
    };
  });
}

/** Listeners of window, document and every node in the document (pierce: shadow roots and same-process frames). */
export async function liveListeners(
  s: PageSession,
  windowId: string,
  documentId: string,
  root: DomNodeLike,
): Promise<FoundRoot<ListenerInfo>[]> {
  const labels = labelNodes(root);
  labels.set(root.backendNodeId, 'document');
  const registry = registryLabels(root);
  registry.set(root.backendNodeId, 'document');
  const onWindow = await listenersOf(
    s,
    windowId,
    () => 'window',
    true,
    null,
    () => 'window',
  );
  const onDocument = await listenersOf(
    s,
    documentId,
    (l) => (l.backendNodeId !== undefined ? (labels.get(l.backendNodeId) ?? 'node') : 'document'),
    true,
    null,
    (l) => (l.backendNodeId !== undefined ? (registry.get(l.backendNodeId) ?? null) : 'document'),
  );
  return [...onWindow, ...onDocument];
}

function timerKind(kind: string): string {
  if (/interval/i.test(kind)) return 'setInterval';
  if (/anim|raf/i.test(kind)) return 'requestAnimationFrame';
  if (/timeout/i.test(kind)) return 'setTimeout';
  return kind || 'timer';
}

/**
 * The hook's `leakscopeState`, reached without any page global: the wrapped `setTimeout` (or one of its siblings)
 * → [[Scopes]] → the closure scope that has it. Null when the hook is not in the page.
 */
async function findHookState(s: PageSession, stateId: string, windowId: string): Promise<string | null> {
  const names = ['setTimeout', 'setInterval', 'requestAnimationFrame'];
  const holder = await s.call(stateId, PAGE_FN.globalValues, [{ objectId: windowId }, { value: names }]);
  const fns = await holderValues(s, holder.objectId!);
  for (const name of names) {
    const fn = fns.get(name);
    if (!fn?.objectId || (fn.description ?? '').endsWith('{ [native code] }')) continue;
    const props = await s.properties(fn.objectId);
    const scopes = props.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value;
    if (!scopes?.objectId) continue;
    const list = await s.properties(scopes.objectId);
    for (const scope of list.result) {
      if (!scope.value?.objectId || !/^\d+$/.test(scope.name)) continue;
      const vars = await s.properties(scope.value.objectId);
      const st = vars.result.find((p) => p.name === 'leakscopeState')?.value;
      if (st?.objectId) return st.objectId;
    }
  }
  return null;
}

/** Live timers and animation frames the hook recorded, with their callbacks. Null without the hook. */
export async function hookTimers(
  s: PageSession,
  stateId: string,
  windowId: string,
): Promise<{ timers: FoundRoot<TimerInfo>[]; hookStateId: string } | null> {
  const hookState = await findHookState(s, stateId, windowId);
  if (!hookState) return null;
  const timers = await readTimers(s, stateId, hookState);
  return timers && { timers, hookStateId: hookState };
}

/** The `[[Entries]]` of the hook's timers Map: null without one, 'empty' when it has no entries. */
async function timerEntries(s: PageSession, hookState: string): Promise<string | 'empty' | null> {
  const timersMap = (await s.properties(hookState)).result.find((p) => p.name === 'timers')?.value;
  if (!timersMap?.objectId) return null;
  const entries = (await s.properties(timersMap.objectId)).internalProperties?.find(
    (p) => p.name === '[[Entries]]',
  )?.value;
  return entries?.objectId ?? 'empty';
}

/**
 * The hook's records of the timers `ids`, as one list in the page (objectId), aligned with `ids` (a hole where the
 * hook has none). Null when the hook's timers cannot be read.
 */
export async function hookTimerRecs(
  s: PageSession,
  stateId: string,
  hookState: string,
  ids: readonly number[],
): Promise<string | null> {
  const entries = await timerEntries(s, hookState);
  if (entries === null || entries === 'empty') return null;
  const r = await s.call(stateId, TIMER_RECS, [{ objectId: entries }, { value: ids }]);
  return r.objectId ?? null;
}

async function readTimers(
  s: PageSession,
  stateId: string,
  hookState: string,
): Promise<FoundRoot<TimerInfo>[] | null> {
  const found = await timerEntries(s, hookState);
  if (found === null) return null;
  if (found === 'empty') return [];
  const entries = { objectId: found };
  const meta = (await s.call(stateId, TIMER_META, [{ objectId: entries.objectId }], { byValue: true }))
    .value as Array<number | string | null>;
  const cbArray = await s.call(stateId, TIMER_CALLBACKS, [{ objectId: entries.objectId }]);
  const cbs = await holderValues(s, cbArray.objectId!);
  const out: FoundRoot<TimerInfo>[] = [];
  for (let i = 0, j = 0; i < meta.length; i += 3, j++) {
    const cb = cbs.get(String(j));
    const callback = cb ? labelOf(cb) : '(none)';
    out.push({
      info: {
        id: Number(meta[i]),
        kind: timerKind(String(meta[i + 1] ?? '')),
        delay: meta[i + 2] === null ? null : Number(meta[i + 2]),
        callback,
        callsite: null,
        reach: EMPTY_REACH,
      },
      objectId: cb?.objectId ?? null,
      source: cb?.description,
    });
  }
  return out;
}

type FunctionLocation = { scriptId: string; lineNumber: number; columnNumber: number };

/** A function's `[[FunctionLocation]]`, through one `[[TargetFunction]]` for a bound one; null for what has none. */
async function functionLocation(
  s: PageSession,
  objectId: string,
  bound = 1,
): Promise<FunctionLocation | null> {
  const internal = (await s.properties(objectId)).internalProperties ?? [];
  const loc = internal.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as
    | FunctionLocation
    | undefined;
  if (loc) return loc;
  const target = internal.find((p) => p.name === '[[TargetFunction]]')?.value?.objectId;
  return target && bound > 0 ? functionLocation(s, target, bound - 1) : null;
}

/**
 * Where the callbacks of (at most `max`) timers the search did not expand are defined: the "defined at" the panel
 * shows for timers set before it connected. A callback that cannot be read keeps no callsite.
 */
export async function defineTimerCallbacks(
  s: PageSession,
  timers: readonly FoundRoot<TimerInfo>[],
  max: number,
) {
  const todo = timers.filter((t) => !t.info.callsite && t.objectId).slice(0, max);
  await Promise.all(
    todo.map(async (t) => {
      const loc = await functionLocation(s, t.objectId!).catch(() => null);
      if (loc)
        t.info.callsite = definedAt(
          loc.scriptId,
          loc.lineNumber,
          loc.columnNumber,
          t.info.callback.replace(/\(\)$/, ''),
        );
    }),
  );
}

export function timerLabel(t: TimerInfo): string {
  const delay = t.kind === 'requestAnimationFrame' || t.delay === null ? '' : ` (${t.delay} ms)`;
  return `${t.kind} #${t.id}${delay}`;
}

/** What a root from the hook's observer records or from an expando says about itself. */
export interface ObserverRootInfo {
  kind: string;
  observing: boolean;
  /** `url:line` where the observer was created (only when a panel was connected then). */
  createdAt: string | null;
  reach: GlobalInfo['reach'];
}

/** What the page functions here use of the scan's private state (page-functions.ts), `S.builtins` by index. */
interface RootsPageState {
  builtins: {
    0: typeof Reflect.ownKeys;
    1: typeof Reflect.getOwnPropertyDescriptor;
    2: typeof Reflect.apply;
    4: typeof Object.hasOwn;
  };
  /** captureNatives' answer for EXPANDO_NATIVES (page-natives.ts), verified genuine before EXPANDOS runs. */
  expandoNatives: Record<number, ((...args: never[]) => unknown) | undefined>;
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
      const d = gopd(list, '' + i);
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
