import type { CdpTransport } from '../cdp/transport.ts';
import { type ArrowCandidate, captureArrowThis, looksLikeArrowUsingThis } from './arrow-this.ts';
import { foldAttributeNodes } from './attr-nodes.ts';
import { type BfsOutcome, runBfs } from './bfs.ts';
import {
  countNodes,
  type DomNodeLike,
  labelNodes,
  registryLabels,
  unfilledTemplateContents,
} from './detached.ts';
import { GROWTH_HOPS, PageExplorer, type RootSpec } from './explorer.ts';
import { frameworkLabels } from './framework-labels.ts';
import { frameworksFromExpandos } from './frameworks.ts';
import { collectWithDetached } from './gc.ts';
import { growthSample } from './growth.ts';
import { holdersOf } from './holders.ts';
import { buildImages, emptyImageTotals, gatherImages, pixelNodesOf } from './images.ts';
import { domNodeLabel } from './labels.ts';
import { BUILTIN_NAMES, CREATE_STATE, PAGE_FN, PRISTINE_GLOBAL_NAMES } from './page-functions.ts';
import {
  defineTimerCallbacks,
  EXPANDO_ELEMENT_LIMIT,
  EXPANDO_ROOT_LIMIT,
  expandoRoots,
  type FoundRoot,
  hookObservers,
  hookTimerRecs,
  hookTimers,
  lexicalGlobals,
  listenersOf,
  liveListeners,
  observerLabel,
  pageGlobals,
  timerLabel,
} from './roots.ts';
import { PageSession } from './session.ts';
import { type AccidentalGlobals, accidentalGlobals } from './sources.ts';
import { RetainerTree } from './tree.ts';
import type {
  DetachedTree,
  GlobalInfo,
  ImageInfo,
  ImageTotals,
  KeptWindow,
  ListenerInfo,
  ScanOptions,
  ScanResult,
  TimerInfo,
} from './types.ts';
import { ScanError, type ScanPhase } from './types.ts';

export const DEFAULT_BUDGET = { ms: 10_000, objects: 1_000_000 };
/** Levels walked on from registered callbacks once every tree is explained (for their second holders). */
export const HOLDER_LEVELS = 8;
/** Removed frames' windows reported with their chains (a page that keeps thousands gets the first ones). */
export const KEPT_WINDOW_LIMIT = 50;
/** Timers whose callback's definition is looked up after the search (one CDP call each; pages rarely have more). */
const TIMER_DEFINITION_LIMIT = 200;

interface FrameNode {
  frame: { id: string; loaderId: string; url: string };
  childFrames?: FrameNode[];
}

interface FrameTree {
  frameTree: FrameNode;
}

const countFrames = (n: FrameNode): number =>
  1 + (n.childFrames ?? []).reduce((k, c) => k + countFrames(c), 0);

/**
 * Whether a removed frame's window may be alive: a kept window keeps its document, so the renderer then counts more
 * documents than the page has frames (template contents and parsed documents count too: then the check just runs).
 * Without one, the search skips the per-object window check (a native call and a caught TypeError per object).
 */
function mayKeepRemovedWindows(metrics: Array<{ name: string; value: number }>, tree: FrameNode): boolean {
  const documents = metrics.find((m) => m.name === 'Documents')?.value;
  return documents === undefined || documents > countFrames(tree);
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

/** Which scripts the globals' source analysis left out: globals they create are not called accidental. */
function notAnalysedNote(a: AccidentalGlobals): string {
  const shown = a.notAnalysed.slice(0, 3).map((n) => (n.url ? `${n.url} (${n.reason})` : n.reason));
  const more = a.notAnalysed.length > 3 ? `, and ${a.notAnalysed.length - 3} more` : '';
  return `Scripts not analysed for accidental globals: ${shown.join('; ')}${more}. Globals they create are not reported as accidental.`;
}

let scanCounter = 0;
/** Pristine global names per transport and document (an isolated world per scan would pile up). */
const pristineCache = new WeakMap<
  CdpTransport,
  { loaderId: string; names: Set<string>; contextId: number }
>();

async function pristineGlobals(s: PageSession, transport: CdpTransport, frameId: string, loaderId: string) {
  const cached = pristineCache.get(transport);
  if (cached?.loaderId === loaderId) return cached;
  // An isolated world has a fresh global of the same kind as the page's and the page cannot touch it.
  const { executionContextId } = await s.send<{ executionContextId: number }>('Page.createIsolatedWorld', {
    frameId,
    worldName: 'leakscope-pristine',
    grantUniveralAccess: false,
  });
  const r = await s.evaluate(PRISTINE_GLOBAL_NAMES, { byValue: true, contextId: executionContextId });
  const names = new Set(r.value as string[]);
  const fresh = { loaderId, names, contextId: executionContextId };
  pristineCache.set(transport, fresh);
  return fresh;
}

/** The built-ins the page functions captured must be the genuine natives; a page that replaced them cannot be walked safely. */
async function verifyBuiltins(s: PageSession, stateId: string): Promise<void> {
  const arr = await s.call(stateId, PAGE_FN.builtins);
  const props = await s.properties(arr.objectId!);
  for (let i = 0; i < BUILTIN_NAMES.length; i++) {
    const v = props.result.find((p) => p.name === String(i))?.value;
    const expected = `function ${BUILTIN_NAMES[i]}() { [native code] }`;
    if (v?.type !== 'function' || v.subtype === 'proxy' || v.description !== expected) {
      throw new ScanError(
        'tampered',
        `the page replaced the built-in ${BUILTIN_NAMES[i]}; Leakscope cannot walk it safely`,
      );
    }
  }
}

/**
 * Scan: force a GC, list detached DOM, the page's globals, lexical bindings, listeners and (with the hook) timers,
 * then search for the shortest chain from those roots to every detached tree — with extension-legal CDP only.
 * Every object handle is released before returning, whatever happens.
 */
export async function scan(transport: CdpTransport, opts: ScanOptions = {}): Promise<ScanResult> {
  const t0 = performance.now();
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const s = new PageSession(transport, `leakscope-scan-${++scanCounter}`, opts.signal);
  const progress = (phase: ScanPhase, done: number, total: number) =>
    opts.onProgress?.({ phase, done, total });
  const notes: string[] = [];
  try {
    const { frameTree } = await s.send<FrameTree>('Page.getFrameTree');
    const { loaderId, url, id: frameId } = frameTree.frame;

    progress('gc', 0, 1);
    // DOM.getDetachedDomNodes runs a full GC before answering: this is also the forced GC.
    // It also binds every tree it returns to a nodeId, which keeps them alive: released before and after.
    const { ms: gcMs, result: detachedRaw } = await collectWithDetached(s);
    progress('gc', 1, 1);

    await s.send('Performance.enable');
    const { metrics } = await s.send<{ metrics: Array<{ name: string; value: number }> }>(
      'Performance.getMetrics',
    );

    // Our private state: reachable only from our object group.
    const stateId = (await s.evaluate(CREATE_STATE)).objectId!;
    await verifyBuiltins(s, stateId);
    if (!mayKeepRemovedWindows(metrics, frameTree)) await s.call(stateId, PAGE_FN.skipWindowCheck, []);
    const windowId = (await s.evaluate('window')).objectId!;
    const documentId = (await s.evaluate('document')).objectId!;
    await s.call(stateId, PAGE_FN.markSeen, [{ objectId: windowId }]);
    const { names: pristine, contextId: pristineContext } = await pristineGlobals(
      s,
      transport,
      frameId,
      loaderId,
    );
    // Reading the descriptor of a built-in global (`window.WebGL2RenderingContext`, ...) makes Blink instantiate
    // that interface object in the page's world for good (~2 MB for all of them): the page side skips these names.
    await s.call(stateId, PAGE_FN.setPristine, [{ value: [...pristine] }]);

    // Detached trees, and the listeners still registered on their nodes; attribute nodes join their owner's tree.
    const nodeLabels = new Map<number, string>();
    detachedRaw.detachedNodes = await foldAttributeNodes(
      s,
      detachedRaw.detachedNodes,
      pristineContext,
      nodeLabels,
    );
    progress('detached', 0, detachedRaw.detachedNodes.length);
    const trees: Array<{
      raw: (typeof detachedRaw.detachedNodes)[number];
      listeners: FoundRoot<ListenerInfo>[];
    }> = [];
    await s.pool(detachedRaw.detachedNodes, async (raw) => {
      // A template’s content is part of what the tree keeps (any node this binds, the DOM.getDocument below drops).
      for (const content of unfilledTemplateContents(raw.treeNode)) {
        const { node } = await s.send<{ node: DomNodeLike }>('DOM.describeNode', {
          backendNodeId: content.backendNodeId,
          depth: -1,
          pierce: true,
        });
        content.children = node.children;
      }
      labelNodes(raw.treeNode, nodeLabels);
      const registry = registryLabels(raw.treeNode);
      const r = await s.send<{ object: { objectId: string } }>('DOM.resolveNode', {
        backendNodeId: raw.treeNode.backendNodeId,
        objectGroup: s.group,
      });
      const rootLabel = domNodeLabel(raw.treeNode);
      const listeners = await listenersOf(
        s,
        r.object.objectId,
        (l) => nodeLabels.get(l.backendNodeId ?? -1) ?? rootLabel,
        false,
        null,
        (l) => registry.get(l.backendNodeId ?? -1) ?? null,
      );
      trees.push({ raw, listeners });
    });
    // Leakscope's own hook keeps one detached <div> as a private mailbox; it is not the page's leak.
    const own = trees.filter((t) => t.listeners.some((l) => l.info.type.startsWith('leakscope:')));
    if (own.length > 0)
      notes.push(
        own.length === 1
          ? "Not counted: the detached <div> Leakscope's page hook uses to talk to the panel."
          : `Not counted: ${own.length} detached <div>s Leakscope's page hook uses to talk to the panel (one per frame).`,
      );
    const pageTrees = trees.filter((t) => !own.includes(t));
    pageTrees.sort((a, b) => a.raw.treeNode.backendNodeId - b.raw.treeNode.backendNodeId);
    const detached: DetachedTree[] = [];
    const detachedListeners: FoundRoot<ListenerInfo>[] = [];
    const targetArgs: Array<{ tree: number; backendNodeId: number }> = [];
    for (const [index, { raw, listeners: ls }] of pageTrees.entries()) {
      detached.push({
        index,
        root: domNodeLabel(raw.treeNode),
        nodeCount: countNodes(raw.treeNode),
        retainedCount: raw.retainedNodeIds.length,
        chain: null,
        rootKind: null,
        status: 'unreachable',
        callsite: null,
      });
      for (const l of ls) detachedListeners.push({ ...l, info: { ...l.info, detachedTree: index } });
      for (const id of raw.retainedNodeIds) targetArgs.push({ tree: index, backendNodeId: id });
    }
    // Targets: every node of every detached tree that has a JS wrapper.
    const resolved = await s.pool(targetArgs, (t) =>
      s
        .send<{ object: { objectId: string } }>('DOM.resolveNode', {
          backendNodeId: t.backendNodeId,
          objectGroup: s.group,
        })
        .then((r) => r.object.objectId),
    );
    for (let i = 0; i < resolved.length; i += 1000) {
      await s.call(stateId, PAGE_FN.registerTargets, [
        { value: targetArgs.slice(i, i + 1000).map((_, j) => i + j) },
        ...resolved.slice(i, i + 1000).map((objectId) => ({ objectId })),
      ]);
    }
    progress('detached', detached.length, detached.length);

    // Roots.
    progress('roots', 0, 4);
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
    const lexicals = await lexicalGlobals(s, stateId);
    progress('roots', 2, 4);
    const listeners = await liveListeners(s, windowId, documentId, documentTree);
    const fnote = frameNote(documentTree);
    if (fnote) notes.push(fnote);
    const hook = await hookTimers(s, stateId, windowId);
    const timers = hook?.timers ?? null;
    // The hook's own records reach every listener and timer; walking them would only add detours.
    if (hook) await s.call(stateId, PAGE_FN.markSeen, [{ objectId: hook.hookStateId }]);
    if (timers === null)
      notes.push('The Leakscope hook is not in this page: timers and animation frames are not roots.');
    // Observer callbacks (hook) and expandos on attached elements: held by the browser, not by any global.
    const hookObs = hook ? await hookObservers(s, stateId, hook.hookStateId) : [];
    const observers = 'skipped' in hookObs ? [] : hookObs;
    if ('skipped' in hookObs) notes.push(`Observer callbacks are not roots: ${hookObs.skipped}.`);
    const expandos = await expandoRoots(s, stateId, windowId, documentId);
    if ('skipped' in expandos) notes.push(`Properties on elements are not roots: ${expandos.skipped}.`);
    else if (expandos.rootLimitHit || expandos.elementLimitHit)
      notes.push(
        expandos.rootLimitHit
          ? `Only the first ${EXPANDO_ROOT_LIMIT} properties on elements were searched as roots.`
          : `Properties on elements were searched on the first ${EXPANDO_ELEMENT_LIMIT} elements only.`,
      );
    progress('roots', 4, 4);

    const specs: RootSpec[] = [];
    type Owner = { reach: GlobalInfo['reach'] };
    const owners: Owner[] = [];
    const addRoot = (r: FoundRoot<Owner>, spec: Omit<RootSpec, 'objectId'>) => {
      if (!r.objectId) return;
      specs.push({ ...spec, objectId: r.objectId });
      owners.push(r.info);
    };
    for (const g of lexicals) addRoot(g, { holder: 'script', edge: `const ${g.info.name}`, kind: 'lexical' });
    for (const g of globals) addRoot(g, { holder: 'window', edge: g.info.name, kind: 'global' });
    for (const l of listeners)
      addRoot(l, { holder: l.info.target, edge: `'${l.info.type}' listener`, kind: 'listener' });
    for (const t of timers ?? []) addRoot(t, { holder: timerLabel(t.info), edge: 'callback', kind: 'timer' });
    for (const o of observers)
      addRoot(o, { holder: observerLabel(o.info), edge: 'callback', kind: 'observer' });
    for (const e of 'skipped' in expandos ? [] : expandos.roots)
      addRoot(e, { holder: e.info.holder, edge: e.info.key, kind: 'expando' });

    // The search.
    const tree = new RetainerTree();
    const growthHops = opts.growthHops ?? GROWTH_HOPS;
    const explorer = new PageExplorer(s, stateId, specs, pristine, growthHops);
    const searchStart = performance.now();
    const outcome: BfsOutcome = await runBfs(explorer, tree, {
      targets: detached.length,
      groupOf: (t) => targetArgs[t].tree,
      budget: { ms: Math.max(0, budget.ms - (performance.now() - t0)), objects: budget.objects },
      // Collection sizes are recorded for the first hops of every root, whenever the chains are found.
      minLevels: growthHops + 1,
      holderLevels: HOLDER_LEVELS,
      signal: opts.signal,
      onLevel: (_, objects) => progress('search', objects, budget.objects),
    });
    if (opts.signal?.aborted) throw new ScanError('aborted', 'the scan was cancelled');

    // Trees still unexplained after an exhaustive search may hang off an arrow callback's lexical `this`; and a
    // repeating arrow callback may be a second holder of a tree a global explains (a forgotten interval behind a
    // `const`): then only callbacks that run within the wait are asked, so the wait is at most their period.
    const searchArrowThis = async (candidates: ArrowCandidate[]) => {
      const recsId = hook
        ? await hookTimerRecs(
            s,
            stateId,
            hook.hookStateId,
            candidates.map((c) => c.timerId),
          )
        : null;
      const { captured, notes: arrowNotes } = await captureArrowThis(
        s,
        stateId,
        windowId,
        candidates,
        arrowWait,
        recsId,
      );
      notes.push(...arrowNotes);
      progress('arrow-this', captured.size, candidates.length);
      if (captured.size < candidates.length) {
        notes.push(
          `${candidates.length - captured.size} arrow callback(s) did not run in time; their \`this\` was not searched.`,
        );
      }
      if (captured.size === 0) return;
      const entries = [...captured];
      await s.call(stateId, PAGE_FN.stage, [
        { value: entries.flatMap(([id]) => [id, 'closure-variable', 'this']) },
        ...entries.map(([, objectId]) => ({ objectId })),
      ]);
      // Resume the BFS from the recovered `this` values (the main search had nothing left).
      const resumed = await runBfs(
        {
          seed: (max) => explorer.next(max),
          next: (max) => explorer.next(max),
          frontierSize: () => explorer.frontierSize(),
        },
        tree,
        {
          // With every tree explained this walks what the recovered `this` values reach (for holders).
          targets: detached.length - outcome.found.size,
          groupOf: (t) => targetArgs[t].tree,
          budget: {
            ms: Math.max(0, budget.ms - (performance.now() - t0)),
            objects: budget.objects - outcome.objects,
          },
          signal: opts.signal,
        },
      );
      for (const [g, hit] of resumed.found) if (!outcome.found.has(g)) outcome.found.set(g, hit);
      outcome.objects += resumed.objects;
      outcome.levels += resumed.levels + 1;
      if (resumed.budgetHit) {
        outcome.budgetHit = resumed.budgetHit;
        outcome.complete = false;
      }
    };
    const arrowWait = opts.arrowThisWaitMs ?? 2500;
    const someUnexplained = outcome.found.size < detached.length;
    if (outcome.complete && detached.length > 0 && timers && arrowWait > 0) {
      const candidates: ArrowCandidate[] = [];
      for (const tm of timers) {
        if (!tm.objectId || !looksLikeArrowUsingThis(tm.source ?? '')) continue;
        if (tm.info.kind !== 'setInterval' && tm.info.kind !== 'requestAnimationFrame') continue;
        if (!someUnexplained && (tm.info.delay ?? 16) > arrowWait) continue;
        const id = explorer.rootIds.get(specs.findIndex((sp) => sp.objectId === tm.objectId));
        if (id === undefined) continue;
        const at = tree.callsiteOf(id);
        candidates.push({
          id,
          objectId: tm.objectId,
          delay: tm.info.delay ?? 16,
          timerId: tm.info.id,
          location: at?.scriptId ? `${at.scriptId}:${at.line}:${at.column}` : null,
        });
      }
      if (candidates.length > 0) {
        progress('arrow-this', 0, candidates.length);
        try {
          await searchArrowThis(candidates);
        } catch (e) {
          // The arrow-`this` step only adds chains: whatever it hits, the scan goes on with what it has.
          if (opts.signal?.aborted || (e instanceof ScanError && e.reason !== 'cdp')) throw e;
          notes.push(
            `The \`this\` of arrow callbacks was not searched: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    }
    const searchMs = performance.now() - searchStart;

    // Framework names (components, custom element classes) for the objects on the chains found.
    const pageFrameworks = frameworksFromExpandos(
      specs.filter((sp) => sp.kind === 'expando').map((sp) => sp.edge),
    );
    const named = await frameworkLabels(
      s,
      stateId,
      tree,
      [...outcome.found.values()].map((hit) => hit.id),
      pageFrameworks,
      pristine,
    );
    for (const [id, suffix] of named) tree.setLabel(id, tree.labelOf(id) + suffix);

    // Reach of each root (BFS-tree attribution: a lower bound, each object counted under the first root that reached it).
    const reach = tree.reachByRoot();
    // Chains.
    for (const d of detached) {
      const hit = outcome.found.get(d.index);
      if (hit === undefined) {
        d.status = outcome.complete ? 'unreachable' : 'budget';
        continue;
      }
      d.status = 'found';
      const id = hit.id;
      const target = nodeLabels.get(targetArgs[hit.target].backendNodeId);
      d.chain = tree.chain(id, target === undefined ? undefined : target + (named.get(id) ?? ''));
      d.rootKind = tree.rootLabel(tree.rootOf(id))?.kind as DetachedTree['rootKind'];
      d.callsite = tree.chainCallsite(id);
      const holders = holdersOf(
        tree,
        d.index,
        tree.rootOf(id),
        (t) => nodeLabels.get(targetArgs[t].backendNodeId),
        reach,
      );
      if (holders.length > 0) d.holders = holders;
    }
    // Removed frames' windows the page keeps (at most KEPT_WINDOW_LIMIT, shortest chains first: BFS order).
    const removedWindows = explorer.windows.filter((w) => w.removed);
    const keptWindows: KeptWindow[] = removedWindows.slice(0, KEPT_WINDOW_LIMIT).map((w) => ({
      chain: tree.chain(w.id),
      rootKind: (tree.rootLabel(tree.rootOf(w.id))?.kind ?? null) as KeptWindow['rootKind'],
      callsite: tree.chainCallsite(w.id),
    }));
    if (removedWindows.length > 0)
      notes.push(
        `${removedWindows.length} window(s) of removed frames are still held by the page's JavaScript: each keeps its whole document alive. Their globals and documents were not searched.`,
      );
    for (const [i, rootId] of explorer.rootIds) owners[i].reach = reach.get(rootId) ?? owners[i].reach;
    // Timer callbacks: their label and definition site, learned when the search expanded them.
    for (const t of timers ?? []) {
      const i = specs.findIndex((sp) => sp.objectId === t.objectId);
      const rootId = explorer.rootIds.get(i);
      if (rootId === undefined) continue;
      t.info.callback = tree.labelOf(rootId) === 'Object' ? t.info.callback : tree.labelOf(rootId);
      t.info.callsite = tree.callsiteOf(rootId);
    }
    await defineTimerCallbacks(s, timers ?? [], TIMER_DEFINITION_LIMIT);
    // Images: the document's, detached ones JS keeps, and the pixel buffers the search reached.
    progress('images', 0, 1);
    let images: ImageInfo[] = [];
    let imageTotals: ImageTotals;
    let imageSearchIds: number[] = [];
    const pixelNodes = pixelNodesOf(pageTrees.map((t, index) => ({ index, root: t.raw.treeNode })));
    try {
      const page = await gatherImages(s, { stateId, windowId, documentId }, pixelNodes, pristineContext);
      if ('skipped' in page) {
        imageTotals = emptyImageTotals(page.skipped);
        notes.push(`Images: ${page.skipped}.`);
      } else {
        if (page.fallback) notes.push(`Images: ${page.fallback}.`);
        const built = buildImages(page.page, (id, treeIndex) =>
          // A detached element's tree chain ends with the element's own label; the search's may stop short of it.
          treeIndex >= 0
            ? (detached[treeIndex]?.chain ?? null)
            : id >= 0 && tree.has(id)
              ? tree.chain(id)
              : null,
        );
        ({ images, totals: imageTotals, searchIds: imageSearchIds } = built);
        if (imageTotals.sampled) notes.push('Images were sampled: the page has more than the scan measures.');
      }
    } catch (e) {
      if (!(e instanceof ScanError) || e.reason !== 'cdp') throw e;
      imageTotals = emptyImageTotals(e.message);
      notes.push(`Images were not measured: ${e.message}`);
    }
    progress('images', 1, 1);

    if (explorer.stats.sampledArrays > 0)
      notes.push(`${explorer.stats.sampledArrays} huge arrays were sampled, not walked in full.`);
    if (explorer.stats.crossOrigin > 0)
      notes.push(
        `${explorer.stats.crossOrigin} cross-origin object(s) (e.g. another site's window) were skipped.`,
      );
    if (outcome.budgetHit)
      notes.push(`The search stopped at its ${outcome.budgetHit} budget; some chains may be missing.`);

    // A navigation that slipped between two successful calls would mix two documents' results.
    const end = await s.send<FrameTree>('Page.getFrameTree');
    if (end.frameTree.frame.loaderId !== loaderId) {
      throw new ScanError('navigated', 'the page navigated during the scan; scan again');
    }
    progress('done', 1, 1);
    return {
      url,
      ms: performance.now() - t0,
      gcMs,
      metrics: Object.fromEntries(metrics.map((m) => [m.name, m.value])),
      detached,
      globals: [...lexicals, ...globals].map((g) => g.info),
      listeners: [...listeners, ...detachedListeners].map((l) => l.info),
      timers: timers?.map((t) => t.info as TimerInfo) ?? null,
      images,
      imageTotals,
      growth: growthSample(loaderId, tree, explorer.collections, images, imageSearchIds),
      keptWindows,
      search: {
        objects: outcome.objects,
        functionsExpanded: explorer.stats.functionsExpanded,
        collectionsExpanded: explorer.stats.collectionsExpanded,
        levels: outcome.levels,
        cdpCalls: s.calls,
        ms: searchMs,
        complete: outcome.complete,
        budgetHit: outcome.budgetHit,
      },
      notes,
    };
  } catch (e) {
    if (opts.signal?.aborted && !(e instanceof ScanError && e.reason === 'navigated')) {
      throw new ScanError('aborted', 'the scan was cancelled');
    }
    throw e;
  } finally {
    await s.release();
  }
}
