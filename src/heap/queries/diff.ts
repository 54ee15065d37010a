import type { AnalyzedHeap } from '../analyze.ts';
import type { HeapGraph } from '../graph.ts';
import { chainPath, edgeLabel, pathParent } from './chain.ts';
import { isUserFacingType, reachableFromUser } from './largest.ts';
import { type HeapNodeView, type HeapSnapshotView, heapViews } from './node-view.ts';

/**
 * MemLab's `leakFilter(node, snapshot, leakedNodeIds)`: called for every object created in the target and still
 * alive at the end; true keeps it as a leak. It replaces the built-in choice (user-facing, reachable from the page).
 */
export interface LeakFilter {
  leakFilter(node: HeapNodeView, snapshot: HeapSnapshotView, leakedNodeIds: Set<number>): unknown;
  /** MemLab's `beforeLeakFilter(snapshot, leakedNodeIds)`: once, before the first call (e.g. to index strings). */
  beforeLeakFilter?(snapshot: HeapSnapshotView, leakedNodeIds: Set<number>): unknown;
}

/** A leak filter that threw: the message names the object it was asked about. */
export class LeakFilterError extends Error {}

/**
 * Object identities of a snapshot, for diffs: sorted keys `id * 2^21 + signature`.
 *
 * The id alone is not enough: V8 gives ids by address, and an object allocated after a snapshot where a dead
 * object used to be can inherit the dead object's id (seen on Chromium 156: ids of new `LeakyDialog`s belonged to
 * `FunctionTemplateRareData`s in the baseline). A 21-bit signature of the node's kind and name tells those apart.
 * The key stays below 2^53, so a plain Float64Array sort and exact lookups work.
 */
export interface Identities {
  keys: Float64Array;
}

const SIG_BITS = 2 ** 21;

/** FNV-1a over the type group and the stable part of the name. */
function signature(typeGroup: number, name: string): number {
  let h = (0x811c9dc5 ^ typeGroup) >>> 0;
  const end = Math.min(name.length, 48);
  for (let i = 0; i < end; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % SIG_BITS;
}

/** Identity keys by ordinal (unsorted), from which both the sorted set and per-node lookups are made. */
function identityKeys(g: HeapGraph): Float64Array {
  const L = g.layout;
  const c = L.codes;
  const keys = new Float64Array(g.nodeCount);
  const memo = new Map<number, number>();
  for (let o = 0; o < g.nodeCount; o++) {
    let t = g.nodeType[o];
    // V8 may flatten or slice a string in place: the three string types are one kind here.
    if (t === c.concatString || t === c.slicedString) t = c.string;
    const nameIndex = g.nodeName[o];
    const memoKey = nameIndex * 32 + t;
    let sig = memo.get(memoKey);
    if (sig === undefined) {
      let name = g.strings[nameIndex];
      // Element names carry attributes (`<div class="open">`), which may change while the node lives.
      if (t === c.native) name = name.split(' ', 1)[0];
      sig = signature(t, name);
      memo.set(memoKey, sig);
    }
    keys[o] = g.nodeId[o] * SIG_BITS + sig;
  }
  return keys;
}

export function collectIdentities(g: HeapGraph): Identities {
  return { keys: identityKeys(g).sort() };
}

function has(sorted: Float64Array, key: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === key) return true;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export interface DiffGroupNodes {
  className: string;
  shape: string;
  members: number[];
}

export interface DiffNodes {
  newInTarget: number;
  survivingInFinal: number;
  suspects: number;
  groups: DiffGroupNodes[];
}

/**
 * The path shape of a node: the class names and edge labels along its retainer chain, with array indices blurred
 * (`[]`), so that fifty objects pushed into one array share one shape.
 */
export function chainShape(heap: AnalyzedHeap, o: number, maxSteps = 40): string {
  const { nodes, slots } = chainPath(heap, o, maxSteps);
  const parts: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (slots[i] >= 0)
      parts.push(
        edgeLabel(heap, slots[i])
          .replace(/^\[\d+\]$/, '[]')
          .replace(/^\d+$/, '[]'),
      );
    parts.push(heap.classes.names[heap.classes.classId[nodes[i]]]);
  }
  return parts.join(' → ');
}

/**
 * Three-snapshot diff by object identity (V8 id + signature, see Identities). New = in target, not in baseline;
 * surviving = new and still in final.
 * A surviving object held (on its shortest path) by another surviving object is part of that one's leak, so only
 * the top of each leaked structure becomes a suspect; suspects are grouped by class and path shape.
 */
export function diffSnapshots(
  baseline: Identities,
  target: Identities,
  final: AnalyzedHeap,
  leakFilter?: LeakFilter,
): DiffNodes {
  const g = final.graph;
  let newInTarget = 0;
  for (let i = 0; i < target.keys.length; i++) if (!has(baseline.keys, target.keys[i])) newInTarget++;
  const candidate = new Uint8Array(g.nodeCount);
  const finalKeys = identityKeys(g);
  const surviving: number[] = [];
  for (let o = 1; o < g.nodeCount; o++) {
    const key = finalKeys[o];
    if (!has(target.keys, key) || has(baseline.keys, key)) continue;
    surviving.push(o);
    if (!leakFilter && isUserFacingType(final, o) && reachableFromUser(final, o)) candidate[o] = 1;
  }
  if (leakFilter) filterLeaks(final, surviving, leakFilter, candidate);
  const survivingInFinal = surviving.length;
  const groups = new Map<string, DiffGroupNodes>();
  let suspects = 0;
  for (let o = 1; o < g.nodeCount; o++) {
    if (candidate[o] !== 1) continue;
    const hop = pathParent(final, o);
    if (hop && candidate[hop.from] === 1) continue;
    suspects++;
    const className = final.classes.names[final.classes.classId[o]];
    const shape = chainShape(final, o);
    const key = `${className}\n${shape}`;
    const group = groups.get(key) ?? { className, shape, members: [] };
    groups.set(key, group);
    group.members.push(o);
  }
  const sorted = [...groups.values()].sort((a, b) => b.members.length - a.members.length);
  return { newInTarget, survivingInFinal, suspects, groups: sorted };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function filterLeaks(
  heap: AnalyzedHeap,
  surviving: number[],
  filter: LeakFilter,
  candidate: Uint8Array,
): void {
  const views = heapViews(heap);
  const ids = new Set(surviving.map((o) => heap.graph.nodeId[o]));
  try {
    filter.beforeLeakFilter?.(views.snapshot, ids);
  } catch (err) {
    throw new LeakFilterError(`The scenario's beforeLeakFilter threw: ${messageOf(err)}`);
  }
  for (const o of surviving) {
    let keep: unknown;
    try {
      keep = filter.leakFilter(views.node(o), views.snapshot, ids);
    } catch (err) {
      throw new LeakFilterError(
        `The scenario's leakFilter threw on object @${heap.graph.nodeId[o]}: ${messageOf(err)}`,
      );
    }
    if (keep) candidate[o] = 1;
  }
}
