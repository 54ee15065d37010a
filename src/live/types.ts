/** Types at the boundary of the live scan: what `scan()` returns and the suspect rules consume. */

import type { EdgeKind, Hop } from '../chain.ts';

export type { EdgeKind, Hop };

import type { Callsite } from '../callsite.ts';

export type { Callsite };

export type RootKind = 'global' | 'lexical' | 'listener' | 'timer' | 'observer' | 'expando';

/** Objects first reached from a root in the BFS (a lower bound of what it keeps, not a retained size). */
export interface Reach {
  objects: number;
  bytes: number;
}

export interface GlobalInfo {
  name: string;
  /** 'var' = declared with var/function (non-configurable); 'assigned' = created by assignment; 'lexical' = top-level let/const/class. */
  declaration: 'var' | 'assigned' | 'lexical';
  /**
   * Set when the page's sloppy-mode code assigns this name without declaring it — an accidental global; `at` is
   * where (null when the script's position is unknown). Null when no such assignment was found: a library export
   * (`e.React = …`, `window.$ = …`), a declaration, or a script that was not analysed.
   */
  undeclaredAssignment: { at: Callsite | null } | null;
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
  /** The target as the page hook labels it (`<button#save.primary>`): matches this listener with the hook's record. */
  registryTarget: string | null;
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
  chain: Hop[] | null;
  /** The root kind the chain starts from. */
  rootKind: RootKind | null;
  status: ChainStatus;
  /** Callsite of the first function on the chain (the closure that holds it), if any. */
  callsite: Callsite | null;
  /** Other holders that keep the tree too (a timer behind a shorter `const`), shortest chain first. */
  holders?: Holder[];
}

/** One more holder of a detached tree: its chain from the root, the function that closes over it. */
export interface Holder {
  rootKind: RootKind;
  chain: Hop[];
  callsite: Callsite | null;
  /** What the holder's root reaches first in the search (lower bound), e.g. a 200,000-number array. */
  reach: Reach | null;
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

/** What kind of pixels an image entry is. */
export type ImageKind = 'img' | 'canvas' | 'css-background' | 'image-data' | 'image-bitmap';

/**
 * Where an image is: shown in the viewport, in the document but outside the viewport, in the document with no box
 * (display:none, visibility:hidden, 0×0), an element not in the document (kept by JS), or a pixel buffer that
 * only JS holds (ImageData, ImageBitmap).
 */
export type ImageState = 'visible' | 'off-screen' | 'hidden' | 'detached' | 'js-only';

/** One image as the page holds it. Sizes in px; bytes are estimates (4 bytes per pixel, RGBA). */
export interface ImageInfo {
  kind: ImageKind;
  /** The URL (long data: URLs shortened) or a description (`<canvas> 800×600`, `ImageData 640×480`). */
  label: string;
  /** Natural (intrinsic) size; null when unknown (CSS backgrounds are not decoded to find out). */
  natural: { width: number; height: number } | null;
  /** The layout box in CSS px; null when the element is not in the document or has no element. */
  displayed: { width: number; height: number } | null;
  /** natural width × height × 4; null when the natural size is unknown. An upper bound: Chrome may drop decodes. */
  decodedBytes: number | null;
  /** displayed width × height × devicePixelRatio² × 4: what the screen needs. */
  neededBytes: number;
  /** max(0, decoded − needed). */
  wastedBytes: number;
  state: ImageState;
  /** `loading="lazy"` on an `<img>`. */
  lazy: boolean;
  /** Shortest chain from a page root when the search reached it (images kept by JS). */
  chain: Hop[] | null;
  /** Index of the detached tree this element belongs to, when it is detached. */
  detachedTree: number | null;
}

export interface ImageTotals {
  /** Images reported in `images` (at most the sample limit). */
  count: number;
  decodedBytes: number;
  neededBytes: number;
  wastedBytes: number;
  devicePixelRatio: number;
  /** More images than the sample limit were on the page: totals cover the sample only. */
  sampled: boolean;
  /** Why images were not gathered, when they were not (e.g. the page replaced a built-in getter). */
  skipped: string | null;
}

/** Size of a Map/Set/Array/plain object reached within a few hops of a named root (for growth between scans). */
export interface CollectionSize {
  /** Path from the root, e.g. `window.cache`, `script frames`, `window.app.items`. The key across scans. */
  path: string;
  kind: 'Map' | 'Set' | 'Array' | 'Object';
  /** Map/Set size, array length, own-key count. */
  size: number;
  /** Pixel buffers (ImageData, canvas, ImageBitmap, img) the search saw directly inside it, and their bytes. */
  pixelObjects: number;
  pixelBytes: number;
  /** The chain from the root to it (at most a few hops). */
  chain: Hop[];
}

/** A chain where one closure variable repeats: `theThing → someMethod() → closure originalThing → … ×N`. */
export interface ClosureChain {
  /** Path of the named root the chain starts from, e.g. `window.theThing`. */
  root: string;
  /** The closure variable that repeats (`originalThing`). */
  variable: string;
  /** The function whose closure holds it (`someMethod()`). */
  holder: string;
  /** How many times the variable repeats along the chain. */
  length: number;
  /** The start of the chain (bounded), for display. */
  chain: Hop[];
  /** The function whose scope holds the variable, i.e. the one that builds the chain (`replaceThing`), if known. */
  builder?: string | null;
  /** Every link's function is the same definition (same [[FunctionLocation]]): the replaceThing shape. */
  sameFunction?: boolean;
  /** The label every linked object shares (`Object`), or null when they differ. */
  linkShape?: string | null;
  /** Byte estimate of what the chain keeps (below its first object; a lower bound). */
  bytes?: number;
}

/** Bounded data for comparing scans of one document. */
export interface GrowthSample {
  /** The document (CDP loaderId): scans of different documents are not compared. */
  documentId: string;
  /** Largest first, at most `MAX_COLLECTIONS`. */
  collections: CollectionSize[];
  /** Longest first, at most `MAX_CLOSURE_CHAINS`. */
  closureChains: ClosureChain[];
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
  /** Images, canvases and pixel buffers (sampled: at most `IMAGE_LIMIT`). */
  images: ImageInfo[];
  imageTotals: ImageTotals;
  /** Collection sizes and closure chains, for the growth rules (`findSuspects(scan, rules, history)`). */
  growth: GrowthSample;
  /**
   * Windows of removed iframes (or popups) that the page's JavaScript still holds, with the chain that keeps each:
   * such a window keeps its whole document, DOM and globals alive. Absent in scans made before this existed.
   */
  keptWindows?: KeptWindow[];
  /** Honest remarks: skipped cross-origin frames, sampled arrays, refused methods… */
  notes: string[];
}

/** A removed frame's window the search reached (it is a leaf: its globals and document are not walked). */
export interface KeptWindow {
  chain: Hop[];
  rootKind: RootKind | null;
  /** The function whose closure holds it, if any on the chain. */
  callsite: Callsite | null;
}

/** The scan's steps, in order (arrow-this only when an arrow function's `this` must be caught as a timer runs). */
export type ScanPhase = 'gc' | 'detached' | 'roots' | 'search' | 'arrow-this' | 'images' | 'done';

/** What each step is, in the words the panel shows while it runs. */
export const SCAN_PHASE_LABEL: Record<ScanPhase, string> = {
  gc: 'forcing a garbage collection',
  detached: 'listing removed DOM',
  roots: 'reading globals, listeners and timers',
  search: 'following references',
  'arrow-this': 'waiting for timers to run',
  images: 'measuring images',
  done: 'done',
};

export interface ScanProgress {
  phase: ScanPhase;
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
  /**
   * How many hops from a root collection sizes are recorded (and the search walks at least): GROWTH_HOPS by
   * default; audits ask for AUDIT_GROWTH_HOPS to find a growing collection wherever it is, within the budget.
   */
  growthHops?: number;
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
