/** Types at the boundary of the live scan: what `scan()` returns and the suspect rules consume. */

/** How one object holds the next in a retainer chain. */
export type EdgeKind =
  | 'property'
  | 'closure-variable'
  | 'map-entry'
  | 'set-entry'
  | 'element'
  | 'listener'
  | 'timer'
  | 'global'
  | 'lexical'
  | 'bound'
  | 'private'
  | 'internal';

/** One step of a chain: `holder` keeps `object` alive through `edge`. */
export interface ChainHop {
  holder: string;
  edge: string;
  edgeKind: EdgeKind;
  object: string;
}

/** Where a function was defined; `url` only when the transport could tell cheaply. */
export interface Callsite {
  url: string | null;
  scriptId: string | null;
  /** 0-based, as CDP reports them. */
  line: number;
  column: number;
  functionName: string;
}

export type RootKind = 'global' | 'lexical' | 'listener' | 'timer';

/** Objects first reached from a root in the BFS (a lower bound of what it keeps, not a retained size). */
export interface Reach {
  objects: number;
  bytes: number;
}

export interface GlobalInfo {
  name: string;
  /** 'var' = declared with var/function (non-configurable); 'assigned' = created by assignment; 'lexical' = top-level let/const/class. */
  declaration: 'var' | 'assigned' | 'lexical';
  /** The source of the page's scripts names it explicitly (`window.x =`, `globalThis.x`) — known only when sources were readable. */
  explicitInSource: boolean | null;
  valueType: string;
  description: string;
  reach: Reach;
}

export interface ListenerInfo {
  type: string;
  /** Label of the target: 'window', 'document', '<button#save>'. */
  target: string;
  /** False when the target is inside a detached tree. */
  attached: boolean;
  /** Index of the detached tree the target belongs to, when not attached. */
  detachedTree: number | null;
  handler: string;
  useCapture: boolean;
  once: boolean;
  passive: boolean;
  callsite: Callsite | null;
  reach: Reach;
}

export interface TimerInfo {
  id: number;
  kind: 'setTimeout' | 'setInterval' | 'requestAnimationFrame' | string;
  delay: number | null;
  callback: string;
  callsite: Callsite | null;
  reach: Reach;
}

export type ChainStatus = 'found' | 'budget' | 'unreachable' | 'skipped';

export interface DetachedTree {
  index: number;
  /** Label of the top of the detached tree, e.g. `<section class="dialog">`. */
  root: string;
  /** Element and text nodes in the tree. */
  nodeCount: number;
  /** Nodes of the tree that have a live JS wrapper (`retainedNodeIds`). */
  retainedCount: number;
  /** Shortest chain from a page root to a node of this tree, when found. */
  chain: ChainHop[] | null;
  /** The root kind the chain starts from. */
  rootKind: RootKind | null;
  status: ChainStatus;
  /** Callsite of the first function on the chain (the closure that holds it), if any. */
  callsite: Callsite | null;
}

export interface SearchStats {
  objects: number;
  functionsExpanded: number;
  collectionsExpanded: number;
  levels: number;
  cdpCalls: number;
  ms: number;
  complete: boolean;
  budgetHit: 'time' | 'objects' | null;
}

export interface ScanResult {
  url: string;
  ms: number;
  gcMs: number;
  metrics: Record<string, number>;
  detached: DetachedTree[];
  globals: GlobalInfo[];
  listeners: ListenerInfo[];
  /** null when the Leakscope hook is not in the page (timers are then not roots). */
  timers: TimerInfo[] | null;
  search: SearchStats;
  /** Honest remarks: skipped cross-origin frames, sampled arrays, refused methods… */
  notes: string[];
}

export interface ScanProgress {
  phase: string;
  done: number;
  total: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  budget?: { ms: number; objects: number };
  /**
   * How long to wait for a live interval / animation-frame arrow callback to run once so its lexical `this` can be
   * recorded (only when trees are still unexplained after the search). 0 turns it off. Default 2500 ms.
   */
  arrowThisWaitMs?: number;
}

/** Thrown for a scan that cannot go on: navigation, cancel, a page that replaced the built-ins we rely on. */
export class ScanError extends Error {
  constructor(
    readonly reason: 'navigated' | 'aborted' | 'tampered' | 'cdp',
    message: string,
  ) {
    super(message);
    this.name = 'ScanError';
  }
}
