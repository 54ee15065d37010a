import type { CrossEdge, Discovery, RetainerTree, RootLabel } from './tree.ts';
import type { Callsite } from './types.ts';

/** What one step of the search reports. */
export interface LevelResult {
  discovered: Discovery[];
  /** Roots discovered in this step (only the seed step), by id. */
  roots?: Map<number, RootLabel>;
  /** [target index, object id] for targets reached in this step. */
  found: Array<[number, number]>;
  /** Labels and self-size estimates for objects of earlier steps, learned while expanding them. */
  labels: Array<[number, string]>;
  bytes: Array<[number, number]>;
  callsites: Array<[number, Callsite]>;
  /** The page stopped adding objects because the object budget ran out. */
  truncated: boolean;
  /** [id, scope description] of objects reached through a closure variable (`Closure (replaceThing)`). */
  scopes?: Array<[number, string]>;
  /** Edges into objects another holder class reached first (second holders). */
  cross?: CrossEdge[];
}

/** The page side of the search (real: the inspected page over CDP; tests: a synthetic graph). */
export interface Explorer {
  seed(maxObjects: number): Promise<LevelResult>;
  /** Expands the objects discovered by the previous step one BFS level. */
  next(maxObjects: number): Promise<LevelResult>;
  /** Objects waiting to be expanded. */
  frontierSize(): number;
  /** Keep walking only what registered callbacks (listeners, timers, observers) reached first. */
  restrictToCallbacks?(): Promise<void>;
}

export interface BfsOptions {
  /** How many target groups must be explained (e.g. detached trees). */
  targets: number;
  /** The group a target belongs to (several nodes of one detached tree are one group); default: itself. */
  groupOf?: (target: number) => number;
  budget: { ms: number; objects: number };
  signal?: AbortSignal;
  maxLevels?: number;
  /** Levels to walk even once every target is explained (the growth data wants the first hops of every root). */
  minLevels?: number;
  /**
   * Once every target is explained, levels to walk on from registered callbacks only: a callback whose chain is
   * longer than a global's to the same tree is a holder too (default 0: stop).
   */
  holderLevels?: number;
  now?: () => number;
  onLevel?: (level: number, objects: number) => void;
}

export interface BfsOutcome {
  /** Levels walked in the holders phase (only callbacks' objects). */
  holderLevels: number;
  /** target group → the target reached first and its object id. */
  found: Map<number, { target: number; id: number }>;
  levels: number;
  objects: number;
  complete: boolean;
  budgetHit: 'time' | 'objects' | null;
}

/**
 * Level-synchronous BFS: every object of depth d is expanded before any of depth d+1, so the first time a target is
 * reached its chain is a shortest one. Stops when every target is explained, when nothing is left, or at the budget.
 */
export async function runBfs(explorer: Explorer, tree: RetainerTree, opts: BfsOptions): Promise<BfsOutcome> {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const found: BfsOutcome['found'] = new Map();
  const groupOf = opts.groupOf ?? ((t: number) => t);
  let objects = 0;
  let levels = 0;
  let budgetHit: BfsOutcome['budgetHit'] = null;
  let holderLevels = 0;
  let restricted = false;
  const apply = (r: LevelResult) => {
    for (const d of r.discovered) tree.add(d, r.roots?.get(d.id));
    for (const [id, label] of r.labels) tree.setLabel(id, label);
    for (const [id, b] of r.bytes) tree.addBytes(id, b);
    for (const [id, c] of r.callsites) tree.setCallsite(id, c);
    for (const [target, id] of r.found) {
      const g = groupOf(target);
      if (!found.has(g)) found.set(g, { target, id });
      tree.addHit(g, target, id);
    }
    for (const c of r.cross ?? []) tree.addCross(c);
    for (const [id, scope] of r.scopes ?? []) tree.setScope(id, scope);
    objects += r.discovered.length;
    if (r.truncated) budgetHit = 'objects';
  };
  const left = () => opts.budget.objects - objects;
  apply(await explorer.seed(left()));
  const maxLevels = opts.maxLevels ?? 200;
  // With no targets the walk goes on (within budget) to measure what each root reaches.
  const minLevels = opts.minLevels ?? 0;
  const searching = () => found.size < opts.targets || opts.targets === 0 || levels < minLevels;
  while (explorer.frontierSize() > 0 && budgetHit === null) {
    if (!searching()) {
      // Every target explained: walk on from registered callbacks only, a few levels, for their second holders.
      if (!explorer.restrictToCallbacks || holderLevels >= (opts.holderLevels ?? 0)) break;
      if (!restricted) {
        restricted = true;
        await explorer.restrictToCallbacks();
        if (explorer.frontierSize() === 0) break;
      }
      holderLevels++;
    }
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    if (now() - start > opts.budget.ms) {
      budgetHit = 'time';
      break;
    }
    if (levels >= maxLevels) break;
    levels++;
    apply(await explorer.next(left()));
    opts.onLevel?.(levels, objects);
  }
  const complete = found.size >= opts.targets || (explorer.frontierSize() === 0 && budgetHit === null);
  return { found, levels, objects, complete, budgetHit, holderLevels };
}
