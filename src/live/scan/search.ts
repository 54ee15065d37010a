import { type BfsOutcome, runBfs } from '../bfs.ts';
import { GROWTH_HOPS, PageExplorer } from '../explorer.ts';
import { RetainerTree } from '../tree.ts';
import { ScanError } from '../types.ts';
import { HOLDER_LEVELS, type ScanContext } from './context.ts';
import type { DetachedTrees } from './detached-trees.ts';
import type { PageState } from './page-state.ts';
import type { Roots } from './root-specs.ts';

export interface Search {
  tree: RetainerTree;
  explorer: PageExplorer;
  /** Trees found so far; the arrow-`this` phase adds to it. */
  outcome: BfsOutcome;
  /** performance.now() when the search began (its time includes the arrow-`this` phase). */
  startedAt: number;
}

/** Phase 5: the breadth-first search from the roots to the detached trees' nodes. */
export async function search(
  { s, opts, budget, t0, progress }: ScanContext,
  { stateId, pristine }: PageState,
  { detached, targetArgs }: DetachedTrees,
  { specs }: Roots,
): Promise<Search> {
  const tree = new RetainerTree();
  const growthHops = opts.growthHops ?? GROWTH_HOPS;
  const explorer = new PageExplorer(s, stateId, specs, pristine, growthHops);
  const startedAt = performance.now();
  const outcome = await runBfs(explorer, tree, {
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
  return { tree, explorer, outcome, startedAt };
}
