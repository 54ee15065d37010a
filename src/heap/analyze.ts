import { throwIfAborted } from './errors.ts';
import type { HeapGraph } from './graph.ts';
import { type ClassNames, computeClassNames } from './passes/class-names.ts';
import { computeDetachedness } from './passes/detachedness.ts';
import { computeDistances, type Distances } from './passes/distances.ts';
import { computeDominators, type DominatorTree } from './passes/dominators.ts';
import { buildEdgeMask } from './passes/edge-mask.ts';
import { computeRetainedSizes } from './passes/retained-sizes.ts';
import { Scratch } from './scratch.ts';

/** A graph with every pass's output: what the queries read. Lives in the worker / process only, never posted. */
export interface AnalyzedHeap {
  graph: HeapGraph;
  mask: Uint8Array;
  distances: Distances;
  dominators: DominatorTree;
  retained: Float64Array;
  detachedness: Uint8Array;
  classes: ClassNames;
  /** Ordinal → 1 for user roots (fast membership for queries). */
  isUserRoot: Uint8Array;
  /** Work buffers shared by the passes and the queries (see Scratch). */
  scratch: Scratch;
}

export type PassName =
  | 'edge-mask'
  | 'distances'
  | 'dominators'
  | 'retained-sizes'
  | 'detachedness'
  | 'class-names';

export interface AnalyzeHooks {
  signal?: AbortSignal;
  /** Called before each pass (the first-edge index came with the parsed columns). */
  onPass?: (pass: PassName, index: number, total: number) => void;
  /** Lets a worker handle its message queue (e.g. a cancel) between passes; default: no yield. */
  yieldBetweenPasses?: () => Promise<void>;
}

const PASSES: PassName[] = [
  'edge-mask',
  'dominators',
  'distances',
  'retained-sizes',
  'detachedness',
  'class-names',
];

/** Runs all graph passes in order. Each pass is synchronous; cancellation is checked between them. */
export async function analyzeGraph(graph: HeapGraph, hooks: AnalyzeHooks = {}): Promise<AnalyzedHeap> {
  let step = 0;
  const before = async (pass: PassName) => {
    if (hooks.yieldBetweenPasses) await hooks.yieldBetweenPasses();
    throwIfAborted(hooks.signal);
    hooks.onPass?.(pass, step++, PASSES.length);
  };
  const scratch = new Scratch(graph.nodeCount + 1);
  await before('edge-mask');
  const mask = buildEdgeMask(graph);
  // Dominators before distances: the Lengauer–Tarjan scratch and the retainer index it builds (and drops) are
  // the memory peak, and the distance arrays do not need to exist yet at that point.
  await before('dominators');
  const dominators = computeDominators(graph, mask, scratch);
  await before('distances');
  const distances = computeDistances(graph, mask, scratch);
  await before('retained-sizes');
  const retained = computeRetainedSizes(graph, dominators);
  await before('detachedness');
  const detachedness = computeDetachedness(graph, mask, scratch);
  await before('class-names');
  const classes = computeClassNames(graph, detachedness);
  const isUserRoot = new Uint8Array(graph.nodeCount);
  for (const o of distances.userRoots) isUserRoot[o] = 1;
  return {
    graph,
    mask,
    distances,
    dominators,
    retained,
    detachedness,
    classes,
    isUserRoot,
    scratch,
  };
}
