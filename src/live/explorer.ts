import { definedAt } from '../callsite.ts';
import type { Explorer, LevelResult } from './bfs.ts';
import { type Classification, classify, labelOf, type RemoteObjectLike } from './labels.ts';
import {
  CALLBACK_CLASSES,
  decodeCross,
  decodeNames,
  decodeNumbers,
  decodeRecords,
  PAGE_EDGE_KINDS,
  PAGE_FN,
  WINDOW_MARKERS,
} from './page-functions.ts';
import type { CallArg, PageSession } from './session.ts';
import type { RootLabel } from './tree.ts';
import type { EdgeKind } from './types.ts';

/** A root handed to the search: `objectId` is kept alive by `holder` through `edge`. */
export interface RootSpec extends RootLabel {
  objectId: string;
}

interface PageLevel {
  /** Discovered objects, ids consecutive from `first`: "parent,kind,edgeLength;" + edge each. */
  disc: string;
  first: number;
  found: number[];
  /** "id,bytes," per walked object. */
  bytes: string;
  /** "id,own-key count," of walked objects, when asked for (countKeys). */
  sizes: string;
  truncated: boolean;
  /** "from,to,kind,edgeLength;edge" per edge into an object another holder class reached first. */
  cross: string;
  /** "id,length;" + scope description per object reached through a closure variable (staged half only). */
  scopes?: string;
  next: number;
  sampled: number;
  crossOrigin: number;
}

/** Internal values are staged in batches of this many objectId arguments per callFunctionOn. */
const STAGE_BATCH = 1000;
/** Arrays longer than this are sampled rather than walked element by element. */
const ARRAY_CAP = 100_000;
/** Frontier objects classified per getProperties call. */
const CLASSIFY_CHUNK = 2_000;
/** Frontier objects typed per deep-serialization call (~20 bytes each in the result). */
const TYPE_CHUNK = 5_000;
/**
 * Internal-slot requests in flight. Measured over puppeteer's pipe, 5,000 closures' getProperties (2026-12-04, loaded
 * machine): 128 in flight 630–1,070 ms, 512 576–616 ms, 1,024 510 ms; through chrome.debugger 16–2,048 made no clear
 * difference (docs/benchmarks.md).
 */
const IN_FLIGHT = 512;
/** Collection sizes are recorded for objects at most this many hops from a named root (depth 0 = the root). */
export const GROWTH_HOPS = 3;
/**
 * An audit records them this deep (scan option `growthHops`): a route's cache is often a module-level `let` reached
 * as `routes[1].hooks.after[0] → (closure) cache`, 7 hops from the router's listener. The budget still bounds it.
 */
export const AUDIT_GROWTH_HOPS = 24;
/** Classes whose objects hold pixels, with their kind code for the image pass (image-page.ts PAGE_IMAGE_KINDS). */
const PIXEL_CLASSES: Record<string, number> = {
  HTMLImageElement: 0,
  HTMLCanvasElement: 1,
  ImageData: 2,
  ImageBitmap: 3,
};

/** A Map/Set/Array/plain object reached near a root, with its size (for the growth rules). */
export interface CollectionCandidate {
  id: number;
  kind: 'Map' | 'Set' | 'Array' | 'Object';
  size: number;
}

/** `Map(3)`, `Array(12)` → 3, 12 (CDP computes these natively: no page code runs). */
function countIn(description: string | undefined): number | null {
  const m = /\((\d+)\)\s*$/.exec(description ?? '');
  return m ? Number(m[1]) : null;
}

/** What CDP says about a plain object (its prototype is Object.prototype or null); the page checked that. */
const PLAIN: RemoteObjectLike = { type: 'object', className: 'Object', description: 'Object' };

interface InternalWork {
  id: number;
  objectId: string;
  what: NonNullable<Classification['internal']>;
  label: string;
}

/**
 * Runs `fn` over items pushed at any time, `concurrency` at once. After the first error no new item starts, and
 * `drain()` (resolves when nothing is queued or running) rejects with it.
 */
function workQueue<T>(concurrency: number, fn: (item: T) => Promise<void>) {
  const items: T[] = [];
  let head = 0;
  let running = 0;
  let failed = false;
  let error: unknown;
  let idle: (() => void) | null = null;
  const pump = () => {
    while (!failed && running < concurrency && head < items.length) {
      const item = items[head++];
      running++;
      fn(item).then(
        () => {
          running--;
          pump();
        },
        (e) => {
          if (!failed) [failed, error] = [true, e];
          running--;
          pump();
        },
      );
    }
    if (running === 0 && (failed || head === items.length) && idle) {
      const done = idle;
      idle = null;
      done();
    }
  };
  return {
    push(item: T) {
      items.push(item);
      pump();
    },
    drain(): Promise<void> {
      return new Promise<void>((resolve) => {
        idle = resolve;
        pump();
      }).then(() => {
        if (failed) throw error;
      });
    },
  };
}

/**
 * The real page side of the BFS. Each level: classify the frontier (one getProperties on the frontier array),
 * ask CDP for the internal slots of functions / collections / instances (pipelined), stage those values in the
 * page, then let the page walk own properties and staged values in one call.
 */
export class PageExplorer implements Explorer {
  stats = { functionsExpanded: 0, collectionsExpanded: 0, sampledArrays: 0, crossOrigin: 0 };
  /** Objects CDP described one by one (RemoteObject) vs. classified from their type and the page's answer. */
  readonly classified = { described: 0, byType: 0 };
  /** Per-level timings (for the benchmark). */
  readonly profile: Array<{
    frontier: number;
    classifyMs: number;
    internal: number;
    internalMs: number;
    expandMs: number;
  }> = [];
  /** Root spec index → the id its object got (a spec whose object another root already had gets none). */
  readonly rootIds = new Map<number, number>();
  /** Collections within `growthHops` of a root, in discovery order. */
  readonly collections: CollectionCandidate[] = [];
  /**
   * Windows of other realms the search reached (a removed iframe's window kept by the page, an iframe's window):
   * leaves of the search — their globals and document are not walked — reported with the chain that keeps them.
   */
  readonly windows: Array<{ id: number; removed: boolean }> = [];
  /** This level's frontier index → whether that window's frame was removed. */
  private windowAt = new Map<number, boolean>();
  private frontierIds: number[] = [];
  private nameHints: string[] = [];
  private level = 0;

  constructor(
    private readonly session: PageSession,
    private readonly stateId: string,
    private readonly roots: RootSpec[],
    private readonly platformNames: ReadonlySet<string>,
    private readonly growthHops: number = GROWTH_HOPS,
  ) {}

  frontierSize(): number {
    return this.frontierIds.length;
  }

  async seed(maxObjects: number): Promise<LevelResult> {
    const specs: string[] = [];
    const values: CallArg[] = [];
    this.roots.forEach((r, i) => {
      specs.push(String(i), r.kind);
      values.push({ objectId: r.objectId });
    });
    const res = (
      await this.session.call(
        this.stateId,
        PAGE_FN.addRoots,
        [{ value: specs }, { value: maxObjects }, ...values],
        { byValue: true },
      )
    ).value as PageLevel;
    const out = this.toResult(res, true);
    return out;
  }

  /** The holders phase: from now on only objects first reached by registered callbacks are walked on. */
  async restrictToCallbacks(): Promise<void> {
    const kept = decodeNumbers(
      (
        await this.session.call(this.stateId, PAGE_FN.restrict, [{ value: CALLBACK_CLASSES }], {
          byValue: true,
        })
      ).value as string,
    );
    this.frontierIds = kept.map((i) => this.frontierIds[i]);
    this.nameHints = kept.map((i) => this.nameHints[i] ?? '');
  }

  async next(maxObjects: number): Promise<LevelResult> {
    const s = this.session;
    const group = s.subgroup(`level${++this.level}`);
    const labels: LevelResult['labels'] = [];
    const bytes: LevelResult['bytes'] = [];
    const callsites: LevelResult['callsites'] = [];
    try {
      const tA = performance.now();
      const n = this.frontierIds.length;
      this.windowAt = new Map();
      const depth = this.level - 1;
      const countKeys = depth <= this.growthHops;
      const plainObjects = new Set<number>();
      const pixels: Array<[number, string, string, string]> = [];
      const skip: number[] = [];
      const seen = new Uint8Array(n);
      const levelCollections: CollectionCandidate[] = [];
      const staged: Array<[number, string, string, string]> = [];
      let internalCalls = 0;
      // Internal slots through CDP, many in flight, started as soon as each object is classified: the calls for
      // the first chunk's functions run while later chunks are still being classified.
      const queue = workQueue<InternalWork>(IN_FLIGHT, (w) => this.expandInternal(w, staged, callsites));
      const handle = (i: number, o: RemoteObjectLike) => {
        if (seen[i]) return;
        seen[i] = 1;
        const id = this.frontierIds[i];
        const hint = this.nameHints[i] ?? '';
        const removed = this.windowAt.get(i);
        if (removed !== undefined) {
          // Not walked: its own properties are the other realm's whole global (and its deep serialization hangs).
          labels.push([id, removed ? 'Window (of a removed frame)' : 'Window (of a frame)']);
          skip.push(i);
          this.windows.push({ id, removed });
          return;
        }
        const c = classify(o, hint, this.platformNames);
        const label = labelOf(o, hint);
        labels.push([id, label]);
        if (c.bytes) bytes.push([id, c.bytes]);
        if (!c.walk) skip.push(i);
        if (c.internal && o.objectId) {
          internalCalls++;
          queue.push({ id, objectId: o.objectId, what: c.internal, label });
        }
        const pixel = PIXEL_CLASSES[o.className ?? ''];
        if (pixel !== undefined && o.objectId) pixels.push([id, 'image', String(pixel), o.objectId]);
        if (countKeys && o.type === 'object') {
          const kind =
            o.subtype === 'map'
              ? 'Map'
              : o.subtype === 'set'
                ? 'Set'
                : o.subtype === 'array'
                  ? 'Array'
                  : !o.subtype && o.className === 'Object'
                    ? 'Object'
                    : null;
          const count = kind && kind !== 'Object' ? countIn(o.description) : null;
          if (count !== null && kind) levelCollections.push({ id, kind, size: count });
          else if (kind === 'Object') plainObjects.add(id);
        }
      };
      let own: Promise<PageLevel> | null = null;
      try {
        await this.classifyFrontier(group, handle);
        for (let i = 0; i < n; i++) if (!seen[i]) skip.push(i); // CDP could not describe it: not walked
        // The own-property walk needs only the classification: the page runs it while CDP still answers the
        // internal-slot calls queued before it (their values are walked by expandStaged, after them, as before).
        own = s
          .call(
            this.stateId,
            PAGE_FN.expandOwn,
            [{ value: skip }, { value: maxObjects }, { value: ARRAY_CAP }, { value: countKeys }],
            { byValue: true },
          )
          .then((r) => r.value as PageLevel);
        own.catch(() => {}); // awaited below; a failure must not go unhandled while the queue drains
      } finally {
        // Even on error: wait for the calls in flight (their objects join the level's group, released below).
        await queue.drain().catch(() => {});
      }
      await queue.drain();
      const tB = performance.now();
      // Classified in chunk order; growth keeps discovery order for ties.
      levelCollections.sort((a, b) => a.id - b.id);
      this.collections.push(...levelCollections);
      staged.push(...pixels);
      // Responses arrive in any order; stage in discovery order so ties between equally short chains are stable.
      staged.sort((a, b) => a[0] - b[0]);
      for (let i = 0; i < staged.length; i += STAGE_BATCH) {
        const batch = staged.slice(i, i + STAGE_BATCH);
        // Only [id, what, name] go by value; the objectId travels as its own argument.
        const specs: Array<number | string> = [];
        for (const [id, what, name] of batch) specs.push(id, what, name);
        await s.call(this.stateId, PAGE_FN.stage, [
          { value: specs },
          ...batch.map(([, , , objectId]) => ({ objectId })),
        ]);
      }
      const tC = performance.now();
      const rest = (await s.call(this.stateId, PAGE_FN.expandStaged, [], { byValue: true }))
        .value as PageLevel;
      const first = await own;
      // Ids run on from the own walk into the staged part: the two halves read as one level.
      const res: PageLevel = {
        ...rest,
        disc: first.disc + rest.disc,
        cross: (first.cross ?? '') + (rest.cross ?? ''),
        first: first.first,
        found: [...first.found, ...rest.found],
        bytes: first.bytes + rest.bytes,
        sizes: first.sizes,
        truncated: first.truncated || rest.truncated,
      };
      const sizes = decodeNumbers(res.sizes);
      for (let i = 0; i + 1 < sizes.length; i += 2) {
        if (plainObjects.has(sizes[i]))
          this.collections.push({ id: sizes[i], kind: 'Object', size: sizes[i + 1] });
      }
      const out = this.toResult(res, false);
      this.profile.push({
        frontier: n,
        classifyMs: tB - tA,
        internal: internalCalls,
        internalMs: tC - tB,
        expandMs: performance.now() - tC,
      });
      out.labels.push(...labels);
      out.bytes.push(...bytes);
      out.callsites.push(...callsites);
      return out;
    } finally {
      await s.releaseGroup(group);
    }
  }

  /**
   * What CDP knows about each frontier object, without a RemoteObject per object: deep serialization gives every
   * object's type (Proxies included, without touching them); the page then reads what CDP would say about plain
   * objects (prototype is Object.prototype: "Object") and arrays (their length); only the rest (functions, class
   * instances, collections, nodes, Proxies, binary data, ...) gets a RemoteObject from getProperties.
   * Calls `handle(frontier index, description)` as soon as each object is known, chunk by chunk.
   */
  private async classifyFrontier(
    group: string,
    handle: (i: number, o: RemoteObjectLike) => void,
  ): Promise<void> {
    const s = this.session;
    const n = this.frontierIds.length;
    const starts: number[] = [];
    for (let i = 0; i < n; i += TYPE_CHUNK) starts.push(i);
    await s.pool(
      starts,
      async (start) => {
        const end = Math.min(n, start + TYPE_CHUNK);
        const types = await s.elementTypes(
          this.stateId,
          PAGE_FN.frontierSlice,
          [{ value: start }, { value: end }],
          group,
        );
        let codes = '';
        for (let i = 0; i < end - start; i++) {
          // Without deep serialization (an older Chromium) CDP describes every object, as before.
          const t = types?.[i]?.type;
          codes += t === 'object' ? 'o' : t === 'array' ? 'a' : t === 'function' ? 'f' : '-';
          // A window went as a marker (see frontierSlice); getProperties below describes it safely.
          const v = types?.[i]?.value;
          if (t === 'string' && (v === WINDOW_MARKERS.removed || v === WINDOW_MARKERS.attached))
            this.windowAt.set(start + i, v === WINDOW_MARKERS.removed);
        }
        const d = (
          await s.call(this.stateId, PAGE_FN.describe, [{ value: codes }, { value: start }], {
            byValue: true,
          })
        ).value as { lengths: string; pickedAt: string; names: string };
        // Functions' own names (bound ones start with "bound "), read by the page for non-Proxies only.
        for (const [i, name] of decodeNames(d.names)) if (i >= start && i < end) this.nameHints[i] = name;
        const picked = decodeNumbers(d.pickedAt);
        const isPicked = new Set(picked);
        for (let i = start; i < end; i++) if (codes[i - start] === 'o' && !isPicked.has(i)) handle(i, PLAIN);
        const lengths = decodeNumbers(d.lengths);
        for (let k = 0; k + 1 < lengths.length; k += 2) {
          handle(lengths[k], {
            type: 'object',
            subtype: 'array',
            className: 'Array',
            description: `Array(${lengths[k + 1]})`,
          });
        }
        for (let p = 0; p < picked.length; p += CLASSIFY_CHUNK) {
          const at = picked.slice(p, p + CLASSIFY_CHUNK);
          const arr = await s.call(this.stateId, PAGE_FN.pickAt, [{ value: at }], { group });
          const props = await s.properties(arr.objectId!);
          for (const prop of props.result) {
            const k = Number(prop.name);
            if (Number.isInteger(k) && prop.value && k >= 0 && k < at.length) handle(at[k], prop.value);
          }
        }
        this.classified.described += picked.length;
        this.classified.byType += end - start - picked.length;
      },
      4,
    );
  }

  /** One getProperties for an object's internal slots; what it holds is staged for the level's in-page walk. */
  private async expandInternal(
    w: InternalWork,
    staged: Array<[number, string, string, string]>,
    callsites: LevelResult['callsites'],
  ): Promise<void> {
    const r = await this.session.properties(w.objectId);
    const internal = new Map((r.internalProperties ?? []).map((p) => [p.name, p.value]));
    const put = (what: string, name: string, v: RemoteObjectLike | undefined) => {
      if (v?.objectId) staged.push([w.id, what, name, v.objectId]);
    };
    switch (w.what) {
      case 'function': {
        this.stats.functionsExpanded++;
        put('scopes', '', internal.get('[[Scopes]]'));
        const loc = internal.get('[[FunctionLocation]]')?.value as
          | { scriptId: string; lineNumber: number; columnNumber: number }
          | undefined;
        if (loc) {
          callsites.push([
            w.id,
            definedAt(loc.scriptId, loc.lineNumber, loc.columnNumber, w.label.replace(/\(\)$/, '')),
          ]);
        }
        break;
      }
      case 'bound':
        put('bound', 'target function', internal.get('[[TargetFunction]]'));
        put('bound', 'bound this', internal.get('[[BoundThis]]'));
        put('bound', 'bound arguments', internal.get('[[BoundArgs]]'));
        break;
      case 'map':
      case 'set':
        this.stats.collectionsExpanded++;
        put(w.what, '', internal.get('[[Entries]]'));
        break;
      case 'proxy':
        put('internal', '[[Target]]', internal.get('[[Target]]'));
        put('internal', '[[Handler]]', internal.get('[[Handler]]'));
        break;
      case 'promise':
        put('internal', '[[PromiseResult]]', internal.get('[[PromiseResult]]'));
        break;
      case 'instance':
        for (const p of r.privateProperties ?? []) put('private', p.name, p.value);
        break;
    }
  }

  private toResult(res: PageLevel, seed: boolean): LevelResult {
    const out: LevelResult = {
      discovered: [],
      found: [],
      labels: [],
      bytes: [],
      callsites: [],
      truncated: res.truncated,
    };
    if (seed) out.roots = new Map();
    this.frontierIds = [];
    this.nameHints = [];
    for (const [id, parent, kindCode, edgeText] of decodeRecords(res.disc, res.first)) {
      let edge = edgeText;
      let kind = PAGE_EDGE_KINDS[kindCode] as EdgeKind;
      if (seed) {
        const r = this.roots[Number(edge)];
        this.rootIds.set(Number(edge), id);
        out.roots!.set(id, { holder: r.holder, edge: r.edge, kind: r.kind });
        edge = r.edge;
        kind = r.kind;
      }
      out.discovered.push({ id, parent, edge: edge.length > 80 ? `${edge.slice(0, 77)}...` : edge, kind });
      this.frontierIds.push(id);
      this.nameHints.push('');
    }
    for (let i = 0; i < res.found.length; i += 2) out.found.push([res.found[i], res.found[i + 1]]);
    out.cross = [];
    out.scopes = [...decodeNames(res.scopes ?? '')];
    for (const [from, to, kindCode, edge] of decodeCross(res.cross ?? ''))
      out.cross.push({
        from,
        to,
        kind: PAGE_EDGE_KINDS[kindCode] as EdgeKind,
        edge: edge.length > 80 ? `${edge.slice(0, 77)}...` : edge,
      });
    const bytes = decodeNumbers(res.bytes);
    for (let i = 0; i + 1 < bytes.length; i += 2) out.bytes.push([bytes[i], bytes[i + 1]]);
    this.stats.sampledArrays = res.sampled;
    this.stats.crossOrigin = res.crossOrigin;
    return out;
  }
}
