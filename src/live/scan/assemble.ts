import { frameworkLabels } from '../framework-labels.ts';
import { frameworksFromExpandos } from '../frameworks.ts';
import { growthSample } from '../growth.ts';
import { holdersOf } from '../holders.ts';
import { buildImages, emptyImageTotals, gatherImages, pixelNodesOf } from '../images.ts';
import { defineTimerCallbacks } from '../roots/timers.ts';
import type {
  DetachedTree,
  ImageInfo,
  ImageTotals,
  KeptWindow,
  Reach,
  ScanResult,
  TimerInfo,
} from '../types.ts';
import { ScanError } from '../types.ts';
import type { Collected } from './collect.ts';
import { type FrameTree, KEPT_WINDOW_LIMIT, type ScanContext, TIMER_DEFINITION_LIMIT } from './context.ts';
import type { DetachedTrees } from './detached-trees.ts';
import type { PageState } from './page-state.ts';
import type { Roots } from './root-specs.ts';
import type { Search } from './search.ts';

/** Framework names (components, custom element classes) for the objects on the chains found. */
async function frameworkNames(
  { s }: ScanContext,
  { stateId, pristine }: PageState,
  roots: Roots,
  found: Search,
) {
  const { tree, outcome } = found;
  const pageFrameworks = frameworksFromExpandos(
    roots.specs.filter((sp) => sp.kind === 'expando').map((sp) => sp.edge),
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
  return named;
}

/** Each tree's status, and its chain, root kind, callsite and other holders when the search found it. */
function explainTrees(
  { detached, targetArgs, nodeLabels }: DetachedTrees,
  { tree, outcome }: Search,
  named: Map<number, string>,
  reach: Map<number, Reach>,
) {
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
}

/** Removed frames' windows the page keeps (at most KEPT_WINDOW_LIMIT, shortest chains first: BFS order). */
function keptWindowsOf({ notes }: ScanContext, { tree, explorer }: Search): KeptWindow[] {
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
  return keptWindows;
}

/** Each root's reach, and the timer callbacks' label and definition site, learned when the search expanded them. */
function annotateRoots(
  { owners, specs, timers }: Roots,
  { tree, explorer }: Search,
  reach: Map<number, Reach>,
) {
  for (const [i, rootId] of explorer.rootIds) owners[i].reach = reach.get(rootId) ?? owners[i].reach;
  for (const t of timers ?? []) {
    const i = specs.findIndex((sp) => sp.objectId === t.objectId);
    const rootId = explorer.rootIds.get(i);
    if (rootId === undefined) continue;
    t.info.callback = tree.labelOf(rootId) === 'Object' ? t.info.callback : tree.labelOf(rootId);
    t.info.callsite = tree.callsiteOf(rootId);
  }
}

/** Images: the document's, detached ones JS keeps, and the pixel buffers the search reached. */
async function measureImages(
  { s, notes, progress }: ScanContext,
  { stateId, windowId, documentId, pristineContext }: PageState,
  { pageTrees, detached }: DetachedTrees,
  { tree }: Search,
) {
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
  return { images, imageTotals, imageSearchIds };
}

/** What the search sampled, skipped or stopped at. */
function searchNotes({ notes }: ScanContext, { explorer, outcome }: Search) {
  if (explorer.stats.sampledArrays > 0)
    notes.push(`${explorer.stats.sampledArrays} huge arrays were sampled, not walked in full.`);
  if (explorer.stats.crossOrigin > 0)
    notes.push(
      `${explorer.stats.crossOrigin} cross-origin object(s) (e.g. another site's window) were skipped.`,
    );
  if (outcome.budgetHit)
    notes.push(`The search stopped at its ${outcome.budgetHit} budget; some chains may be missing.`);
}

/** Phase 7: names, chains, statuses, images and notes, checked against a navigation, as the ScanResult. */
export async function assemble(
  ctx: ScanContext,
  collected: Collected,
  page: PageState,
  trees: DetachedTrees,
  roots: Roots,
  found: Search,
  searchMs: number,
): Promise<ScanResult> {
  const { s, t0, notes, progress } = ctx;
  const { tree, explorer, outcome } = found;
  const { loaderId, url } = collected.frameTree.frame;
  const named = await frameworkNames(ctx, page, roots, found);
  // Reach of each root (BFS-tree attribution: a lower bound, each object counted under the first root that reached it).
  const reach = tree.reachByRoot();
  explainTrees(trees, found, named, reach);
  const keptWindows = keptWindowsOf(ctx, found);
  annotateRoots(roots, found, reach);
  await defineTimerCallbacks(s, roots.timers ?? [], TIMER_DEFINITION_LIMIT);
  const { images, imageTotals, imageSearchIds } = await measureImages(ctx, page, trees, found);
  searchNotes(ctx, found);

  // A navigation that slipped between two successful calls would mix two documents' results.
  const end = await s.send<FrameTree>('Page.getFrameTree');
  if (end.frameTree.frame.loaderId !== loaderId) {
    throw new ScanError('navigated', 'the page navigated during the scan; scan again');
  }
  progress('done', 1, 1);
  return {
    url,
    ms: performance.now() - t0,
    gcMs: collected.gcMs,
    metrics: Object.fromEntries(collected.metrics.map((m) => [m.name, m.value])),
    detached: trees.detached,
    globals: [...roots.lexicals, ...roots.globals].map((g) => g.info),
    listeners: [...roots.listeners, ...trees.detachedListeners].map((l) => l.info),
    timers: roots.timers?.map((t) => t.info as TimerInfo) ?? null,
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
}
