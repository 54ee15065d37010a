/**
 * Images: every `<img>` and `<canvas>` of the document, detached ones kept by JS, pixel buffers the search reached
 * (ImageData, ImageBitmap) and CSS background images — with decoded bytes against what the display needs.
 * The page side is one `callFunctionOn` (image-page.ts); sizes and states are computed here (pure, unit-tested).
 */

import { showBidiControls } from '../page-text.ts';
import type { DomNodeLike } from './detached.ts';
import { IMAGE_NATIVES, IMAGE_RECORD_FIELDS, MEASURE_IMAGES, PAGE_IMAGE_KINDS } from './image-page.ts';
import { CREATE_STATE } from './page-functions.ts';
import { captureNatives } from './page-natives.ts';
import type { PageSession } from './session.ts';
import type { Hop, ImageInfo, ImageState, ImageTotals } from './types.ts';

/** At most this many images are measured per scan (the page may have more; totals then say `sampled`). */
export const IMAGE_LIMIT = 2000;
/** Elements whose computed `background-image` is read (the first ones in document order). */
export const CSS_ELEMENT_LIMIT = 5000;

/** An `<img>` or `<canvas>` of a detached tree. */
export interface PixelNode {
  backendNodeId: number;
  kind: 'img' | 'canvas';
  tree: number;
}

/** What the page function returns (by value). */
export interface PageImages {
  dpr: number;
  vw: number;
  vh: number;
  truncated: boolean;
  cssTruncated: boolean;
  recs: Array<string | number | boolean>;
}

/** One record of PageImages.recs, decoded. */
export interface RawImage {
  kind: (typeof PAGE_IMAGE_KINDS)[number];
  label: string;
  labelLength: number;
  width: number;
  height: number;
  connected: boolean;
  box: { x: number; y: number; width: number; height: number };
  hidden: boolean;
  lazy: boolean;
  searchId: number;
  tree: number;
}

export function decodeRecords(recs: PageImages['recs']): RawImage[] {
  const out: RawImage[] = [];
  for (let i = 0; i + IMAGE_RECORD_FIELDS <= recs.length; i += IMAGE_RECORD_FIELDS) {
    const num = (k: number) => (typeof recs[i + k] === 'number' ? (recs[i + k] as number) : 0);
    out.push({
      kind: PAGE_IMAGE_KINDS[num(0)] ?? 'img',
      label: String(recs[i + 1] ?? ''),
      labelLength: num(2),
      width: num(3),
      height: num(4),
      connected: recs[i + 5] === true,
      box: { x: num(6), y: num(7), width: num(8), height: num(9) },
      hidden: recs[i + 10] === true,
      lazy: recs[i + 11] === true,
      searchId: num(12),
      tree: num(13),
    });
  }
  return out;
}

/** The URLs of a computed `background-image` (`url("a.png"), linear-gradient(…)` → [a.png]). */
export function cssUrls(value: string): string[] {
  const out: string[] = [];
  const re = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const url = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    if (url) out.push(url);
  }
  return out;
}

/**
 * A readable, bounded label: long `data:` URLs keep their type and say how long they are; bidi controls (a page's
 * CSS can carry them) show as escapes.
 */
export function shortUrl(url: string, fullLength = url.length): string {
  if (url.startsWith('data:')) {
    const head = url.slice(0, url.indexOf(',') + 1 || 40);
    return showBidiControls(`${head.slice(0, 60)}… (${fullLength.toLocaleString('en-US')} chars)`);
  }
  return showBidiControls(fullLength > url.length || url.length > 200 ? `${url.slice(0, 197)}…` : url);
}

function stateOf(r: RawImage, vw: number, vh: number): ImageState {
  if (r.kind === 'image-data' || r.kind === 'image-bitmap') return 'js-only';
  if (!r.connected) return 'detached';
  const b = r.box;
  if (r.hidden || b.width <= 0 || b.height <= 0) return 'hidden';
  if (b.x + b.width <= 0 || b.y + b.height <= 0 || b.x >= vw || b.y >= vh) return 'off-screen';
  return 'visible';
}

function labelOf(r: RawImage): string {
  const size = `${r.width}×${r.height}`;
  switch (r.kind) {
    case 'img':
      return r.label ? shortUrl(r.label, r.labelLength) : `<img> without a source (${size})`;
    case 'canvas':
      return `<canvas> ${size}`;
    case 'image-data':
      return `ImageData ${size}`;
    case 'image-bitmap':
      return `ImageBitmap ${size}`;
    default:
      return shortUrl(r.label, r.labelLength);
  }
}

/**
 * Turns page records into ImageInfo: decoded = natural w × h × 4; needed = box × devicePixelRatio² × 4 for images
 * in the layout (0 for detached or hidden ones); a CSS background's natural size is known only when an `<img>` on
 * the page shows the same URL. `chainOf` gives the search's chain to an object id (-1: not reached).
 */
export function buildImages(
  page: PageImages,
  chainOf: (searchId: number, tree: number) => Hop[] | null,
): { images: ImageInfo[]; totals: ImageTotals; searchIds: number[] } {
  const raw = decodeRecords(page.recs);
  const dpr = page.dpr > 0 ? page.dpr : 1;
  const naturalByUrl = new Map<string, { width: number; height: number }>();
  for (const r of raw) {
    if (r.kind === 'img' && r.width > 0 && r.label.length === r.labelLength)
      naturalByUrl.set(r.label, { width: r.width, height: r.height });
  }
  const images: ImageInfo[] = [];
  const searchIds: number[] = [];
  const add = (r: RawImage, label: string, natural: ImageInfo['natural']) => {
    const state = stateOf(r, page.vw, page.vh);
    const inLayout = state === 'visible' || state === 'off-screen';
    const displayed = r.connected ? { width: r.box.width, height: r.box.height } : null;
    const decoded = natural ? natural.width * natural.height * 4 : null;
    const needed =
      inLayout && displayed ? Math.round(displayed.width * dpr) * Math.round(displayed.height * dpr) * 4 : 0;
    // ImageData / ImageBitmap are data the script works on, not pictures on screen: nothing to call waste.
    const wasted = decoded === null || state === 'js-only' ? 0 : Math.max(0, decoded - needed);
    searchIds.push(r.searchId);
    images.push({
      kind: r.kind,
      label,
      natural,
      displayed,
      decodedBytes: decoded,
      neededBytes: needed,
      wastedBytes: wasted,
      state,
      lazy: r.lazy,
      chain: chainOf(r.searchId, r.tree),
      detachedTree: r.tree >= 0 ? r.tree : null,
    });
  };
  for (const r of raw) {
    if (r.kind !== 'css-background') {
      add(r, labelOf(r), r.width > 0 && r.height > 0 ? { width: r.width, height: r.height } : null);
      continue;
    }
    for (const url of cssUrls(r.label)) add(r, shortUrl(url), naturalByUrl.get(url) ?? null);
  }
  const sum = (f: (i: ImageInfo) => number) => images.reduce((a, i) => a + f(i), 0);
  return {
    images,
    searchIds,
    totals: {
      count: images.length,
      decodedBytes: sum((i) => i.decodedBytes ?? 0),
      neededBytes: sum((i) => i.neededBytes),
      wastedBytes: sum((i) => i.wastedBytes),
      devicePixelRatio: dpr,
      sampled: page.truncated || page.cssTruncated,
      skipped: null,
    },
  };
}

export function emptyImageTotals(skipped: string | null): ImageTotals {
  return {
    count: 0,
    decodedBytes: 0,
    neededBytes: 0,
    wastedBytes: 0,
    devicePixelRatio: 1,
    sampled: false,
    skipped,
  };
}

/**
 * Captures the DOM getters the page function needs and checks over CDP that each is the genuine native; returns
 * the name of the first one that is not (the page replaced it), or null.
 */
async function verifyImageNatives(s: PageSession, stateId: string, windowId: string): Promise<string | null> {
  const replaced = await captureNatives(s, stateId, windowId, IMAGE_NATIVES, 'imageNatives');
  return replaced && `${replaced[0]}.${replaced[1]}`;
}

/** A realm to measure in: its private state, window and document (page objects of that realm). */
interface Realm {
  stateId: string;
  windowId: string;
  documentId: string;
  /** For DOM.resolveNode; null = the page's main world. */
  contextId: number | null;
}

async function measureIn(s: PageSession, realm: Realm, nodes: readonly PixelNode[]): Promise<PageImages> {
  const ids = await s.pool(nodes, (n) =>
    s
      .send<{ object: { objectId: string } }>('DOM.resolveNode', {
        backendNodeId: n.backendNodeId,
        objectGroup: s.group,
        ...(realm.contextId === null ? {} : { executionContextId: realm.contextId }),
      })
      .then((r) => r.object.objectId),
  );
  const r = await s.call(
    realm.stateId,
    MEASURE_IMAGES,
    [
      { objectId: realm.windowId },
      { objectId: realm.documentId },
      { value: IMAGE_LIMIT },
      { value: CSS_ELEMENT_LIMIT },
      { value: nodes.map((n) => PAGE_IMAGE_KINDS.indexOf(n.kind)) },
      { value: nodes.map((n) => n.tree) },
      ...ids.map((objectId) => ({ objectId })),
    ],
    { byValue: true },
  );
  return r.value as PageImages;
}

/**
 * Measures in the page's main world with verified natives (chains and pixel buffers the search found included).
 * If the page replaced one of those natives, measures the DOM from Leakscope's isolated world instead (same
 * document, pristine prototypes, no page code): the document's and detached elements, without ImageData/ImageBitmap
 * (main-world objects) and without chains to images in the document. `fallback` says so.
 */
export async function gatherImages(
  s: PageSession,
  main: Omit<Realm, 'contextId'>,
  detached: readonly PixelNode[],
  isolatedContextId: number | null,
): Promise<{ page: PageImages; fallback: string | null } | { skipped: string }> {
  const nodes = detached.slice(0, IMAGE_LIMIT);
  const tampered = await verifyImageNatives(s, main.stateId, main.windowId);
  if (!tampered) return { page: await measureIn(s, { ...main, contextId: null }, nodes), fallback: null };
  if (isolatedContextId === null)
    return { skipped: `the page replaced ${tampered}; images were not measured` };
  const opts = { contextId: isolatedContextId };
  const realm: Realm = {
    stateId: (await s.evaluate(CREATE_STATE, opts)).objectId!,
    windowId: (await s.evaluate('window', opts)).objectId!,
    documentId: (await s.evaluate('document', opts)).objectId!,
    contextId: isolatedContextId,
  };
  const again = await verifyImageNatives(s, realm.stateId, realm.windowId);
  if (again) return { skipped: `${again} is not native even in an isolated world; images were not measured` };
  return {
    page: await measureIn(s, realm, nodes),
    fallback: `the page replaced ${tampered}, so images were measured from an isolated world: without ImageData/ImageBitmap and without chains to images in the document`,
  };
}

/** `<img>` and `<canvas>` elements of the detached trees (bounded), to measure what JS keeps off the page. */
export function pixelNodesOf(
  trees: ReadonlyArray<{ index: number; root: DomNodeLike }>,
  limit = IMAGE_LIMIT,
): PixelNode[] {
  const out: PixelNode[] = [];
  const visit = (n: DomNodeLike, tree: number) => {
    if (out.length >= limit) return;
    if (n.nodeName === 'IMG' || n.nodeName === 'CANVAS')
      out.push({ backendNodeId: n.backendNodeId, kind: n.nodeName === 'IMG' ? 'img' : 'canvas', tree });
    for (const c of n.children ?? []) visit(c, tree);
    for (const c of n.shadowRoots ?? []) visit(c, tree);
  };
  for (const t of trees) visit(t.root, t.index);
  return out;
}
