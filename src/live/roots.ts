import type { DomNodeLike } from './detached.ts';
import { labelNodes } from './detached.ts';
import { labelOf, type RemoteObjectLike } from './labels.ts';
import {
  GLOBAL_DESCRIPTORS,
  lexicalValuesFunction,
  PAGE_FN,
  TIMER_CALLBACKS,
  TIMER_META,
} from './page-functions.ts';
import type { PageSession } from './session.ts';
import type { Callsite, GlobalInfo, ListenerInfo, TimerInfo } from './types.ts';

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
          explicitInSource: null,
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
          explicitInSource: true,
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
  handler?: RemoteObjectLike;
  backendNodeId?: number;
}

function listenerCallsite(l: CdpListener, handler: string): Callsite {
  return {
    url: null,
    scriptId: l.scriptId,
    line: l.lineNumber,
    column: l.columnNumber,
    functionName: handler.replace(/\(\)$/, ''),
  };
}

/** Listeners on `objectId` and, for nodes, on its whole subtree (handlers are filled because the id has a group). */
export async function listenersOf(
  s: PageSession,
  objectId: string,
  targetLabel: (l: CdpListener) => string,
  attached: boolean,
  detachedTree: number | null,
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
        reach: EMPTY_REACH,
      },
      objectId: l.handler?.objectId ?? null,
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
  const onWindow = await listenersOf(s, windowId, () => 'window', true, null);
  const onDocument = await listenersOf(
    s,
    documentId,
    (l) => (l.backendNodeId !== undefined ? (labels.get(l.backendNodeId) ?? 'node') : 'document'),
    true,
    null,
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

async function readTimers(
  s: PageSession,
  stateId: string,
  hookState: string,
): Promise<FoundRoot<TimerInfo>[] | null> {
  const timersMap = (await s.properties(hookState)).result.find((p) => p.name === 'timers')?.value;
  if (!timersMap?.objectId) return null;
  const entries = (await s.properties(timersMap.objectId)).internalProperties?.find(
    (p) => p.name === '[[Entries]]',
  )?.value;
  if (!entries?.objectId) return [];
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

export function timerLabel(t: TimerInfo): string {
  const delay = t.kind === 'requestAnimationFrame' || t.delay === null ? '' : ` (${t.delay} ms)`;
  return `${t.kind} #${t.id}${delay}`;
}
