import { type ArrowCandidate, captureArrowThis, looksLikeArrowUsingThis } from '../arrow-this.ts';
import { runBfs } from '../bfs.ts';
import { PAGE_FN } from '../page-functions.ts';
import { hookTimerRecs } from '../roots/timers.ts';
import { ScanError } from '../types.ts';
import type { ScanContext } from './context.ts';
import type { DetachedTrees } from './detached-trees.ts';
import type { PageState } from './page-state.ts';
import type { Roots } from './root-specs.ts';
import type { Search } from './search.ts';

/** Repeating arrow callbacks worth waiting for: all of them while a tree is unexplained, else those within the wait. */
function arrowCandidates(
  { timers, specs }: Roots,
  { explorer, tree, outcome }: Search,
  detachedCount: number,
  arrowWait: number,
): ArrowCandidate[] {
  const someUnexplained = outcome.found.size < detachedCount;
  const candidates: ArrowCandidate[] = [];
  for (const tm of timers ?? []) {
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
  return candidates;
}

/** Catches the candidates' `this` as they run and resumes the search from it, merging into `outcome`. */
async function searchArrowThis(
  { s, opts, budget, t0, notes, progress }: ScanContext,
  { stateId, windowId }: PageState,
  { detached, targetArgs }: DetachedTrees,
  { hook }: Roots,
  { explorer, tree, outcome }: Search,
  candidates: ArrowCandidate[],
  arrowWait: number,
): Promise<void> {
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
}

/**
 * Phase 6: trees still unexplained after an exhaustive search may hang off an arrow callback's lexical `this`; and a
 * repeating arrow callback may be a second holder of a tree a global explains (a forgotten interval behind a
 * `const`): then only callbacks that run within the wait are asked, so the wait is at most their period.
 */
export async function arrowThis(
  ctx: ScanContext,
  page: PageState,
  trees: DetachedTrees,
  roots: Roots,
  found: Search,
): Promise<void> {
  const arrowWait = ctx.opts.arrowThisWaitMs ?? 2500;
  const n = trees.detached.length;
  if (!(found.outcome.complete && n > 0 && roots.timers && arrowWait > 0)) return;
  const candidates = arrowCandidates(roots, found, n, arrowWait);
  if (candidates.length === 0) return;
  ctx.progress('arrow-this', 0, candidates.length);
  try {
    await searchArrowThis(ctx, page, trees, roots, found, candidates, arrowWait);
  } catch (e) {
    // The arrow-`this` step only adds chains: whatever it hits, the scan goes on with what it has.
    if (ctx.opts.signal?.aborted || (e instanceof ScanError && e.reason !== 'cdp')) throw e;
    ctx.notes.push(
      `The \`this\` of arrow callbacks was not searched: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
