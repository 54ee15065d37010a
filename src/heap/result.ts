/**
 * The analysis result: compact, plain data (structured-clonable, JSON-safe) that the worker posts to the panel and
 * the command line writes with `--json`. It never contains the graph itself.
 */

/** One heap object, as shown to a user. Sizes in bytes. */
export interface NodeRef {
  /** V8's heap object id (stable across snapshots of the same page or process). */
  id: number;
  /** V8 node type: object, closure, array, native, string, … */
  type: string;
  /** Node name as V8 wrote it (strings are cut to 120 characters). */
  name: string;
  /** Grouping name: constructor name, `<div>`, `Detached <div>`, `(closure)`, … */
  className: string;
  selfSize: number;
  retainedSize: number;
  /** Hops from the nearest window/global object; null when no retaining path reaches it. */
  distance: number | null;
}

/** One hop of a retainer chain: the edge taken (null on the first step, a root) and the node it leads to. */
export interface ChainStep {
  edge: string | null;
  /** V8 edge type: property, element, context, internal, hidden, shortcut. */
  edgeType: string | null;
  node: NodeRef;
}

/** Shortest retaining path from a user root (window / global) or, failing that, from the engine's root. */
export type RetainerChain = ChainStep[];

export interface SnapshotSummary {
  nodeCount: number;
  edgeCount: number;
  /** Sum of all self sizes. */
  totalSize: number;
  /** Sum of self sizes of nodes a retaining path reaches (what GC would keep). */
  reachableSize: number;
  /** Nodes not reachable from the root through retaining edges (garbage or weakly held). */
  unreachableCount: number;
  userRootCount: number;
  nodeFields: string[];
  hasDetachedness: boolean;
  detachedDomNodes: number;
  /** Bytes of snapshot text read, when known. */
  bytes: number | null;
}

export interface ClassAggregate {
  className: string;
  count: number;
  selfSize: number;
  /** Retained by the class's instances together (an instance dominated by another of the class counts once). */
  retainedSize: number;
}

export interface DetachedTree {
  /** Topmost node of the detached DOM tree. */
  root: NodeRef;
  /** DOM nodes (elements and text) in the tree. */
  nodeCount: number;
  /** What freeing the tree would free: retained sizes of its nodes that no other tree node dominates. */
  retainedSize: number;
  /** Node counts by class, e.g. `<td>` × 50. */
  classes: { className: string; count: number }[];
  /** The tree node that JavaScript reaches first, and the chain to it. */
  entry: NodeRef;
  chain: RetainerChain;
}

export interface LargestObject {
  node: NodeRef;
  chain: RetainerChain;
}

export interface CapturedVariable {
  name: string;
  node: NodeRef;
}

export interface ClosureInfo {
  /** The first closure seen over this context; `sharedBy` counts all of them. */
  node: NodeRef;
  functionName: string;
  /** 1-based line and column, when the snapshot has locations. */
  location: { scriptId: number; line: number; column: number } | null;
  sharedBy: number;
  /** Sum of retained sizes of the captured values. */
  capturedSize: number;
  captured: CapturedVariable[];
  chain: RetainerChain;
}

/** A set of objects created in the target step, still alive in the final snapshot, with the same class and path. */
export interface DiffGroup {
  className: string;
  count: number;
  selfSize: number;
  retainedSize: number;
  /** Readable path shape shared by the group, e.g. `Window → leaks → (array) → [] → Leak`. */
  shape: string;
  sampleIds: number[];
  sampleChain: RetainerChain;
}

export interface DiffResult {
  snapshots: 2 | 3;
  /** Objects whose id is in the target but not the baseline. */
  newInTarget: number;
  /** Of those, still present in the final snapshot (final = target with two snapshots). */
  survivingInFinal: number;
  /** Surviving objects not held by another surviving one: one per leak, grouped. */
  suspects: number;
  /** Sum of self sizes of each snapshot, in order (baseline, target[, final]); backing stores included. */
  totalSizes: number[];
  groups: DiffGroup[];
}

export interface AnalysisResult {
  version: 1;
  summary: SnapshotSummary;
  classes: ClassAggregate[];
  detachedTrees: DetachedTree[];
  largest: LargestObject[];
  closures: ClosureInfo[];
  diff: DiffResult | null;
}

/** How much of each list to keep. */
export interface ResultLimits {
  classes: number;
  detachedTrees: number;
  largest: number;
  closures: number;
  diffGroups: number;
  /** Longest chain kept (steps nearest the object are kept). */
  chainSteps: number;
}

export const DEFAULT_LIMITS: ResultLimits = {
  classes: 50,
  detachedTrees: 20,
  largest: 20,
  closures: 20,
  diffGroups: 30,
  chainSteps: 40,
};
