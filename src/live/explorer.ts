import type { Explorer, LevelResult } from './bfs.ts';
import { classify, labelOf, type RemoteObjectLike } from './labels.ts';
import { decodeNumbers, decodeRecords, PAGE_EDGE_KINDS, PAGE_FN } from './page-functions.ts';
import type { CallArg, PageSession } from './session.ts';
import type { RootLabel } from './tree.ts';
import type { EdgeKind } from './types.ts';

/** A root handed to the search: `objectId` is kept alive by `holder` through `edge`. */
export interface RootSpec extends RootLabel {
  objectId: string;
}

interface PageLevel {
  /** Discovered objects, ids consecutive from `first`: "parent,kind,edgeLength,nameLength;" + edge + name each. */
  disc: string;
  first: number;
  found: number[];
  /** "id,bytes," per walked object. */
  bytes: string;
  /** "id,own-key count," of walked objects, when asked for (countKeys). */
  sizes: string;
  truncated: boolean;
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
/** Internal-slot requests in flight (measured: ~8.6k getProperties/s at 128 over puppeteer, 2.7k/s at 64). */
const IN_FLIGHT = 128;
/** Collection sizes are recorded for objects at most this many hops from a named root (depth 0 = the root). */
export const GROWTH_HOPS = 3;
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
  /** Collections within GROWTH_HOPS of a root, in discovery order. */
  readonly collections: CollectionCandidate[] = [];
  private frontierIds: number[] = [];
  private nameHints: string[] = [];
  private level = 0;

  constructor(
    private readonly session: PageSession,
    private readonly stateId: string,
    private readonly roots: RootSpec[],
    private readonly platformNames: ReadonlySet<string>,
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

  async next(maxObjects: number): Promise<LevelResult> {
    const s = this.session;
    const group = s.subgroup(`level${++this.level}`);
    const labels: LevelResult['labels'] = [];
    const bytes: LevelResult['bytes'] = [];
    const callsites: LevelResult['callsites'] = [];
    try {
      const tA = performance.now();
      const objs = await this.classifyFrontier(group);
      const tB = performance.now();
      const depth = this.level - 1;
      const countKeys = depth <= GROWTH_HOPS;
      const plainObjects = new Set<number>();
      const pixels: Array<[number, string, string, string]> = [];
      const skip: number[] = [];
      const work: Array<{
        id: number;
        objectId: string;
        what: NonNullable<ReturnType<typeof classify>['internal']>;
      }> = [];
      for (let i = 0; i < this.frontierIds.length; i++) {
        const o = objs[i];
        const id = this.frontierIds[i];
        if (!o) {
          skip.push(i);
          continue;
        }
        const c = classify(o, this.nameHints[i] ?? '', this.platformNames);
        labels.push([id, labelOf(o, this.nameHints[i] ?? '')]);
        if (c.bytes) bytes.push([id, c.bytes]);
        if (!c.walk) skip.push(i);
        if (c.internal && o.objectId) work.push({ id, objectId: o.objectId, what: c.internal });
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
          const n = kind && kind !== 'Object' ? countIn(o.description) : null;
          if (n !== null && kind) this.collections.push({ id, kind, size: n });
          else if (kind === 'Object') plainObjects.add(id);
        }
      }
      // Internal slots through CDP, many in flight.
      const labelById = new Map(labels);
      const staged: Array<[number, string, string, string]> = [];
      await s.pool(
        work,
        async (w) => {
          const r = await s.properties(w.objectId);
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
              const label = labelById.get(w.id) ?? '';
              if (loc) {
                callsites.push([
                  w.id,
                  {
                    url: null,
                    scriptId: loc.scriptId,
                    line: loc.lineNumber,
                    column: loc.columnNumber,
                    functionName: label.replace(/\(\)$/, ''),
                  },
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
        },
        IN_FLIGHT,
      );
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
      const res = (
        await s.call(
          this.stateId,
          PAGE_FN.expand,
          [{ value: skip }, { value: maxObjects }, { value: ARRAY_CAP }, { value: countKeys }],
          { byValue: true },
        )
      ).value as PageLevel;
      const sizes = decodeNumbers(res.sizes);
      for (let i = 0; i + 1 < sizes.length; i += 2) {
        if (plainObjects.has(sizes[i]))
          this.collections.push({ id: sizes[i], kind: 'Object', size: sizes[i + 1] });
      }
      const out = this.toResult(res, false);
      this.profile.push({
        frontier: objs.length,
        classifyMs: tB - tA,
        internal: work.length,
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
   */
  private async classifyFrontier(group: string): Promise<RemoteObjectLike[]> {
    const s = this.session;
    const n = this.frontierIds.length;
    const objs: RemoteObjectLike[] = new Array(n);
    const chunks = (size: number, total: number) => {
      const out: number[] = [];
      for (let i = 0; i < total; i += size) out.push(i);
      return out;
    };
    const types: string[] = new Array(n);
    let deep = true;
    await s.pool(
      chunks(TYPE_CHUNK, n),
      async (start) => {
        const t = await s.elementTypes(
          this.stateId,
          PAGE_FN.frontierSlice,
          [{ value: start }, { value: start + TYPE_CHUNK }],
          group,
        );
        if (t === null) deep = false;
        else for (let i = 0; i < t.length; i++) types[start + i] = t[i];
      },
      4,
    );
    let codes = '';
    if (deep)
      for (let i = 0; i < n; i++) codes += types[i] === 'object' ? 'o' : types[i] === 'array' ? 'a' : '-';
    else codes = '-'.repeat(n); // no deep serialization: CDP describes every object, as before
    const d = (await s.call(this.stateId, PAGE_FN.describe, [{ value: codes }], { byValue: true })).value as {
      lengths: string;
      pickedAt: string;
    };
    const lengths = decodeNumbers(d.lengths);
    for (let i = 0; i < n; i++) {
      if (codes[i] === 'o') objs[i] = { type: 'object', className: 'Object', description: 'Object' };
    }
    for (let k = 0; k + 1 < lengths.length; k += 2) {
      const len = lengths[k + 1];
      objs[lengths[k]] = {
        type: 'object',
        subtype: 'array',
        className: 'Array',
        description: `Array(${typeof len === 'number' ? len : 0})`,
      };
    }
    const at = decodeNumbers(d.pickedAt);
    await s.pool(
      chunks(CLASSIFY_CHUNK, at.length),
      async (start) => {
        const arr = await s.call(
          this.stateId,
          PAGE_FN.pickedSlice,
          [{ value: start }, { value: start + CLASSIFY_CHUNK }],
          { group },
        );
        const props = await s.properties(arr.objectId!);
        for (const p of props.result) {
          const i = Number(p.name);
          if (Number.isInteger(i) && p.value && start + i < at.length) objs[at[start + i]] = p.value;
        }
      },
      4,
    );
    this.classified.described += at.length;
    this.classified.byType += n - at.length;
    return objs;
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
    for (const [id, parent, kindCode, edgeText, name] of decodeRecords(res.disc, res.first)) {
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
      this.nameHints.push(name);
    }
    for (let i = 0; i < res.found.length; i += 2) out.found.push([res.found[i], res.found[i + 1]]);
    const bytes = decodeNumbers(res.bytes);
    for (let i = 0; i + 1 < bytes.length; i += 2) out.bytes.push([bytes[i], bytes[i + 1]]);
    this.stats.sampledArrays = res.sampled;
    this.stats.crossOrigin = res.crossOrigin;
    return out;
  }
}
