import type { DomNodeLike } from '../detached.ts';
import type { RootSpec } from '../explorer.ts';
import { PAGE_FN } from '../page-functions.ts';
import {
  EXPANDO_ELEMENT_LIMIT,
  EXPANDO_ROOT_LIMIT,
  type ExpandoRootInfo,
  expandoRoots,
} from '../roots/expandos.ts';
import type { FoundRoot } from '../roots/found.ts';
import { lexicalGlobals, pageGlobals } from '../roots/globals.ts';
import { liveListeners } from '../roots/listeners.ts';
import { hookObservers, type ObserverRootInfo, observerLabel } from '../roots/observers.ts';
import { hookTimers, timerLabel } from '../roots/timers.ts';
import { type AccidentalGlobals, accidentalGlobals } from '../sources.ts';
import type { GlobalInfo, ListenerInfo, TimerInfo } from '../types.ts';
import type { ScanContext } from './context.ts';
import type { PageState } from './page-state.ts';

/** The roots of the search, by kind. */
export interface Roots {
  globals: FoundRoot<GlobalInfo>[];
  lexicals: FoundRoot<GlobalInfo>[];
  listeners: FoundRoot<ListenerInfo>[];
  /** Null without the Leakscope hook in the page. */
  hook: { timers: FoundRoot<TimerInfo>[]; hookStateId: string } | null;
  timers: FoundRoot<TimerInfo>[] | null;
  observers: FoundRoot<ObserverRootInfo>[];
  expandos: FoundRoot<ExpandoRootInfo>[];
  /** The roots the search starts from, in this order: lexicals, globals, listeners, timers, observers, expandos. */
  specs: RootSpec[];
  /** The info of each spec's root (same index): the search's reach is written back there. */
  owners: Array<{ reach: GlobalInfo['reach'] }>;
}

/** Which scripts the globals' source analysis left out: globals they create are not called accidental. */
function notAnalysedNote(a: AccidentalGlobals): string {
  const shown = a.notAnalysed.slice(0, 3).map((n) => (n.url ? `${n.url} (${n.reason})` : n.reason));
  const more = a.notAnalysed.length > 3 ? `, and ${a.notAnalysed.length - 3} more` : '';
  return `Scripts not analysed for accidental globals: ${shown.join('; ')}${more}. Globals they create are not reported as accidental.`;
}

/** Iframes in the document: those without a content document here live in another process (another site). */
function frameNote(root: DomNodeLike): string | null {
  let all = 0;
  let foreign = 0;
  const visit = (n: DomNodeLike) => {
    if (n.nodeName === 'IFRAME' || n.nodeName === 'FRAME') {
      all++;
      if (!n.contentDocument) foreign++;
    }
    for (const c of n.children ?? []) visit(c);
    for (const c of n.shadowRoots ?? []) visit(c);
  };
  visit(root);
  if (all === 0) return null;
  return (
    `The scan covers the top document's JavaScript; ${all} iframe(s) were not walked` +
    (foreign > 0 ? ` (${foreign} cross-origin, skipped)` : '') +
    '.'
  );
}

/** The window's own globals, each marked when its source assigns it undeclared (an accident). */
async function globalRoots({ s, notes }: ScanContext, { stateId, windowId, pristine }: PageState) {
  const globals = await pageGlobals(s, stateId, windowId, pristine);
  const assigned = globals.filter((g) => g.info.declaration === 'assigned').map((g) => g.info.name);
  // The whole document once: labels for listener targets, inline scripts, iframes.
  const { root: documentTree } = await s.send<{ root: DomNodeLike }>('DOM.getDocument', {
    depth: -1,
    pierce: true,
  });
  // Only the source tells an accident (`x = 1`, undeclared) from a library export (`e.React = …`).
  const accidental = await accidentalGlobals(s, assigned, documentTree);
  for (const g of globals) {
    const at = accidental.at.get(g.info.name);
    if (at !== undefined) g.info.undeclaredAssignment = { at };
  }
  const unexplained = assigned.filter((n) => !accidental.at.has(n));
  if (unexplained.length > 0 && accidental.notAnalysed.length > 0) notes.push(notAnalysedNote(accidental));
  return { globals, documentTree };
}

async function listenerRoots(
  { s, notes }: ScanContext,
  { windowId, documentId }: PageState,
  doc: DomNodeLike,
) {
  const listeners = await liveListeners(s, windowId, documentId, doc);
  const fnote = frameNote(doc);
  if (fnote) notes.push(fnote);
  return listeners;
}

async function timerRoots({ s, notes }: ScanContext, { stateId, windowId }: PageState) {
  const hook = await hookTimers(s, stateId, windowId);
  // The hook's own records reach every listener and timer; walking them would only add detours.
  if (hook) await s.call(stateId, PAGE_FN.markSeen, [{ objectId: hook.hookStateId }]);
  if (hook === null)
    notes.push('The Leakscope hook is not in this page: timers and animation frames are not roots.');
  return hook;
}

// Observer callbacks (hook) and expandos on attached elements: held by the browser, not by any global.
async function observerRoots({ s, notes }: ScanContext, { stateId }: PageState, hook: Roots['hook']) {
  const hookObs = hook ? await hookObservers(s, stateId, hook.hookStateId) : [];
  if ('skipped' in hookObs) notes.push(`Observer callbacks are not roots: ${hookObs.skipped}.`);
  return 'skipped' in hookObs ? [] : hookObs;
}

async function expandoRootsOf({ s, notes }: ScanContext, { stateId, windowId, documentId }: PageState) {
  const expandos = await expandoRoots(s, stateId, windowId, documentId);
  if ('skipped' in expandos) notes.push(`Properties on elements are not roots: ${expandos.skipped}.`);
  else if (expandos.rootLimitHit || expandos.elementLimitHit)
    notes.push(
      expandos.rootLimitHit
        ? `Only the first ${EXPANDO_ROOT_LIMIT} properties on elements were searched as roots.`
        : `Properties on elements were searched on the first ${EXPANDO_ELEMENT_LIMIT} elements only.`,
    );
  return 'skipped' in expandos ? [] : expandos.roots;
}

/** The search's root list (roots without an object are left out). */
function rootSpecs(r: Omit<Roots, 'specs' | 'owners'>): Pick<Roots, 'specs' | 'owners'> {
  const specs: RootSpec[] = [];
  const owners: Roots['owners'] = [];
  const addRoot = (root: FoundRoot<Roots['owners'][number]>, spec: Omit<RootSpec, 'objectId'>) => {
    if (!root.objectId) return;
    specs.push({ ...spec, objectId: root.objectId });
    owners.push(root.info);
  };
  for (const g of r.lexicals) addRoot(g, { holder: 'script', edge: `const ${g.info.name}`, kind: 'lexical' });
  for (const g of r.globals) addRoot(g, { holder: 'window', edge: g.info.name, kind: 'global' });
  for (const l of r.listeners)
    addRoot(l, { holder: l.info.target, edge: `'${l.info.type}' listener`, kind: 'listener' });
  for (const t of r.timers ?? []) addRoot(t, { holder: timerLabel(t.info), edge: 'callback', kind: 'timer' });
  for (const o of r.observers)
    addRoot(o, { holder: observerLabel(o.info), edge: 'callback', kind: 'observer' });
  for (const e of r.expandos) addRoot(e, { holder: e.info.holder, edge: e.info.key, kind: 'expando' });
  return { specs, owners };
}

/** Phase 4: globals (with accidental ones), lexicals, listeners, hook timers, observers and expandos as roots. */
export async function roots(ctx: ScanContext, page: PageState): Promise<Roots> {
  ctx.progress('roots', 0, 4);
  const { globals, documentTree } = await globalRoots(ctx, page);
  const lexicals = await lexicalGlobals(ctx.s, page.stateId);
  ctx.progress('roots', 2, 4);
  const listeners = await listenerRoots(ctx, page, documentTree);
  const hook = await timerRoots(ctx, page);
  const timers = hook?.timers ?? null;
  const observers = await observerRoots(ctx, page, hook);
  const expandos = await expandoRootsOf(ctx, page);
  ctx.progress('roots', 4, 4);
  const found = { globals, lexicals, listeners, hook, timers, observers, expandos };
  return { ...found, ...rootSpecs(found) };
}
