/**
 * Bounded data for the growth rules, taken from the search's BFS tree: sizes of collections near a named root,
 * and closure chains in which one variable repeats (replaceThing). Pure: unit-tested over a hand-built tree.
 */
import { samePosition } from '../callsite.ts';
import type { CollectionCandidate } from './explorer.ts';
import type { RetainerTree } from './tree.ts';
import type { ClosureChain, CollectionSize, GrowthSample, Hop, ImageInfo } from './types.ts';

/** Collections kept per scan (largest first): enough for a page's caches, small enough to keep several scans. */
export const MAX_COLLECTIONS = 200;
export const MAX_CLOSURE_CHAINS = 20;
/** Hops of a closure chain kept for display. */
const CHAIN_HOPS_KEPT = 8;

/** `window.cache.items[3]`, `script frames`, `'resize' listener on window → onResize() → (closure) dlg`. */
export function pathOf(chain: readonly Hop[]): string {
  if (chain.length === 0) return '';
  const [first, ...rest] = chain;
  let out =
    first.holder === 'window' && first.edgeKind !== 'listener'
      ? `window.${first.edge}`
      : first.holder === 'script'
        ? `script ${first.edge.replace(/^const /, '')}`
        : `${first.holder} ${first.edge}`;
  for (const h of rest) {
    switch (h.edgeKind) {
      case 'property':
        out += `.${h.edge}`;
        break;
      case 'element':
        out += `[${h.edge}]`;
        break;
      case 'closure-variable':
        out += ` → ${h.holder} → (closure) ${h.edge}`;
        break;
      case 'map-entry':
      case 'set-entry':
        out += ` → entry ${h.edge}`;
        break;
      default:
        out += ` → ${h.edge}`;
    }
  }
  return out;
}

/** Arrays this short are structure (a route table, a hook list): their elements keep their place. */
const STRUCTURE_ARRAY_MAX = 8;

/**
 * Inside another collection's entries an object is a record, and its path names an entry that comes and goes: the
 * outer collection's size is what tells growth. Elements of a short array (`routes[1]`, `hooks.after[0]`) are not
 * records but fixed slots, so what they lead to keeps its path.
 */
function insideRecords(tree: RetainerTree, id: number, arrayLength: ReadonlyMap<number, number>): boolean {
  const ids = tree.path(id);
  for (let i = 1; i < ids.length; i++) {
    const kind = tree.kindOf(ids[i]);
    if (kind === 'map-entry' || kind === 'set-entry') return true;
    if (kind === 'element' && (arrayLength.get(ids[i - 1]) ?? Number.POSITIVE_INFINITY) > STRUCTURE_ARRAY_MAX)
      return true;
  }
  return false;
}

/**
 * Sizes of the collections the search saw near a root, keyed by path; pixel buffers directly inside a collection
 * are counted with it (ImageData churn shows as a growing array of pixels).
 */
export function collectionSizes(
  tree: RetainerTree,
  found: readonly CollectionCandidate[],
  images: ReadonlyArray<{ searchId: number; bytes: number }>,
): CollectionSize[] {
  const pixels = new Map<number, { objects: number; bytes: number }>();
  for (const img of images) {
    if (img.searchId < 0) continue;
    const parent = tree.parentOf(img.searchId);
    if (parent === null) continue;
    const p = pixels.get(parent) ?? { objects: 0, bytes: 0 };
    p.objects++;
    p.bytes += img.bytes;
    pixels.set(parent, p);
  }
  const arrayLength = new Map<number, number>();
  for (const c of found) if (c.kind === 'Array') arrayLength.set(c.id, c.size);
  const out: CollectionSize[] = [];
  const seen = new Set<string>();
  for (const c of [...found].sort((a, b) => b.size - a.size || a.id - b.id)) {
    if (out.length >= MAX_COLLECTIONS) break;
    // A function's `prototype` object is not a collection anyone fills.
    if (tree.edgeOf(c.id) === 'prototype') continue;
    if (insideRecords(tree, c.id, arrayLength)) continue;
    const chain = tree.chain(c.id);
    const path = pathOf(chain);
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const p = pixels.get(c.id);
    out.push({
      path,
      kind: c.kind,
      size: c.size,
      pixelObjects: p?.objects ?? 0,
      pixelBytes: p?.bytes ?? 0,
      chain,
    });
  }
  return out;
}

/**
 * What one chain of a repeated closure variable shows about its shape (replaceThing): the function whose scope
 * holds the variable (`replaceThing`), whether every link's function is the same definition (same
 * [[FunctionLocation]]), whether the linked objects have one shape (label), and the bytes below the first link.
 */
function chainShapeOf(tree: RetainerTree, path: readonly number[], name: string) {
  const at: number[] = [];
  for (let i = 0; i < path.length; i++)
    if (tree.kindOf(path[i]) === 'closure-variable' && tree.edgeOf(path[i]) === name) at.push(i);
  const fns = at.map((i) => path[i - 1]).filter((f) => f !== undefined);
  const locations = fns.map((f) => tree.callsiteOf(f));
  const sameFunction = locations.length >= 2 && locations.every((c) => samePosition(c, locations[0]));
  const labels = new Set(at.map((i) => tree.labelOf(path[i])));
  // The object whose method starts the chain keeps every later link (and its own data).
  const head = at[0] >= 2 ? path[at[0] - 2] : path[0];
  return {
    builder: tree.scopeFunctionOf(path[at[0]]),
    sameFunction,
    linkShape: labels.size === 1 ? [...labels][0] : null,
    bytes: tree.subtreeBytes(head),
  };
}

/** For each root and closure variable, the longest run of that variable along one chain (≥ 2 repeats). */
export function closureChains(tree: RetainerTree): ClosureChain[] {
  const best = new Map<string, { id: number; length: number }>();
  for (const id of tree.closureVariableIds()) {
    const path = tree.path(id);
    const name = tree.edgeOf(id);
    let length = 0;
    for (const p of path) if (tree.kindOf(p) === 'closure-variable' && tree.edgeOf(p) === name) length++;
    if (length < 2) continue;
    const key = `${tree.rootOf(id)}\u0000${name}`;
    const prev = best.get(key);
    if (!prev || length > prev.length) best.set(key, { id, length });
  }
  const out: ClosureChain[] = [];
  for (const { id, length } of best.values()) {
    const chain = tree.chain(id);
    const name = tree.edgeOf(id);
    out.push({
      root: pathOf(chain.slice(0, 1)),
      variable: name,
      holder: tree.labelOf(tree.parentOf(id) ?? id),
      length,
      chain: chain.slice(0, CHAIN_HOPS_KEPT),
      ...chainShapeOf(tree, tree.path(id), name),
    });
  }
  return out.sort((a, b) => b.length - a.length).slice(0, MAX_CLOSURE_CHAINS);
}

export function growthSample(
  documentId: string,
  tree: RetainerTree,
  found: readonly CollectionCandidate[],
  images: readonly ImageInfo[],
  searchIds: readonly number[],
): GrowthSample {
  const pix = images.map((img, i) => ({ searchId: searchIds[i] ?? -1, bytes: img.decodedBytes ?? 0 }));
  return {
    documentId,
    collections: collectionSizes(tree, found, pix),
    closureChains: closureChains(tree),
  };
}
