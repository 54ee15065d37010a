/**
 * Reading a report back (the panel's Import, or any file someone hands us). The input is untrusted: every field is
 * checked by name and copied into fresh objects, strings are clamped, lists are capped, unknown keys are dropped
 * (so `__proto__` and friends never reach the result). Never throws.
 */
import type { Callsite, CallsiteKind } from '../callsite.ts';
import { EDGE_KINDS, type Hop } from '../chain.ts';
import { analyzeGrowth } from './growth.ts';
import {
  type AuditIteration,
  type Counter,
  clampString,
  type HeapSection,
  type ImageRow,
  type IterationCollection,
  type NamedValue,
  REPORT_KIND,
  REPORT_LIMITS,
  REPORT_VERSION,
  type Report,
  type ReportSource,
  type ReportSuspect,
  SEVERITIES,
  type Severity,
  type SuspectGrowth,
} from './model.ts';

export type ParseResult = { ok: true; report: Report } | { ok: false; message: string };

/** Larger inputs are refused before parsing (a report with every list at its cap stays far below this). */
export const MAX_REPORT_CHARS = 64 * 1024 * 1024;

/** A bad field: the path in the message tells the user where. */
class Invalid extends Error {}

type Obj = Record<string, unknown>;
const L = REPORT_LIMITS;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own properties only: an inherited `toString` or a `__proto__` getter is never read. */
function field(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new Invalid(`${path} should be an object`);
  return v;
}

function str(o: Obj, key: string, path: string, max: number = L.maxString): string {
  const v = field(o, key);
  if (typeof v !== 'string') throw new Invalid(`${path}.${key} should be a string`);
  return clampString(v, max);
}

function strOrNull(o: Obj, key: string, path: string): string | null {
  return field(o, key) === null ? null : str(o, key, path);
}

function num(o: Obj, key: string, path: string): number {
  const v = field(o, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${path}.${key} should be a number`);
  return v;
}

function numOrNull(o: Obj, key: string, path: string): number | null {
  return field(o, key) === null ? null : num(o, key, path);
}

function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T {
  const v = field(o, key);
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new Invalid(`${path}.${key} should be one of ${values.join(', ')}`);
  return v as T;
}

function list<T>(o: Obj, key: string, path: string, max: number, item: (v: unknown, p: string) => T): T[] {
  const v = field(o, key);
  if (!Array.isArray(v)) throw new Invalid(`${path}.${key} should be a list`);
  return v.slice(0, max).map((x, i) => item(x, `${path}.${key}[${i}]`));
}

function listOrNull<T>(o: Obj, key: string, path: string, max: number, item: (v: unknown, p: string) => T) {
  return field(o, key) === null ? null : list(o, key, path, max, item);
}

const namedValue = (v: unknown, p: string): NamedValue => {
  const o = obj(v, p);
  return { name: str(o, 'name', p), value: num(o, 'value', p) };
};

const hop = (v: unknown, p: string): Hop => {
  const o = obj(v, p);
  // Reports written before `edgeKind` carry the edge already in words: as a property edge it reads the same.
  const edgeKind = field(o, 'edgeKind') === undefined ? 'property' : oneOf(o, 'edgeKind', p, EDGE_KINDS);
  return { holder: str(o, 'holder', p), edge: str(o, 'edge', p), edgeKind, object: str(o, 'object', p) };
};

const counter = (v: unknown, p: string): Counter => {
  const o = obj(v, p);
  return {
    name: str(o, 'name', p),
    value: num(o, 'value', p),
    series: listOrNull(o, 'series', p, L.maxSeriesPoints, (x, q) => {
      const s = obj(x, q);
      return { t: num(s, 't', q), v: num(s, 'v', q) };
    }),
  };
};

const CALLSITE_KINDS: readonly CallsiteKind[] = ['registered', 'defined', 'assigned'];

const callsite = (v: unknown, p: string): Callsite => {
  const o = obj(v, p);
  // `kind` and `scriptId` are optional: reports written before them came from scans, which only knew definitions.
  const kind = field(o, 'kind') === undefined ? 'defined' : oneOf(o, 'kind', p, CALLSITE_KINDS);
  const out: Callsite = {
    kind,
    url: strOrNull(o, 'url', p),
    scriptId: field(o, 'scriptId') === undefined ? null : strOrNull(o, 'scriptId', p),
    line: num(o, 'line', p),
    column: num(o, 'column', p),
    functionName: str(o, 'functionName', p),
  };
  // Optional since source-mapped callsites: absent in older reports.
  const original = field(o, 'original');
  if (original !== undefined && original !== null) {
    const q = obj(original, `${p}.original`);
    out.original = {
      url: str(q, 'url', `${p}.original`),
      line: num(q, 'line', `${p}.original`),
      column: num(q, 'column', `${p}.original`),
    };
  }
  return out;
};

const suspect = (v: unknown, p: string): ReportSuspect => {
  const o = obj(v, p);
  return {
    kind: str(o, 'kind', p, 40),
    severity: oneOf<Severity>(o, 'severity', p, SEVERITIES),
    title: str(o, 'title', p),
    count: num(o, 'count', p),
    nodes: numOrNull(o, 'nodes', p),
    bytes: numOrNull(o, 'bytes', p),
    detail: strOrNull(o, 'detail', p),
    chain: listOrNull(o, 'chain', p, L.maxChainHops, hop),
    callsite: field(o, 'callsite') === null ? null : callsite(field(o, 'callsite'), `${p}.callsite`),
    fix: str(o, 'fix', p),
    shape: str(o, 'shape', p),
    ...(field(o, 'growth') === undefined ? {} : { growth: growth(field(o, 'growth'), `${p}.growth`) }),
  };
};

const growth = (v: unknown, p: string): SuspectGrowth => {
  const o = obj(v, p);
  return {
    perIteration: num(o, 'perIteration', p),
    values: list(o, 'values', p, L.maxIterations, (x, q) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new Invalid(`${q} should be a number`);
      return x;
    }),
  };
};

function heap(v: unknown, p: string): HeapSection {
  const o = obj(v, p);
  const d = field(o, 'diff');
  const dp = `${p}.diff`;
  return {
    nodeCount: num(o, 'nodeCount', p),
    totalSize: num(o, 'totalSize', p),
    reachableSize: num(o, 'reachableSize', p),
    detachedDomNodes: num(o, 'detachedDomNodes', p),
    detachedTrees: list(o, 'detachedTrees', p, L.maxHeapRows, (x, q) => {
      const t = obj(x, q);
      return {
        root: str(t, 'root', q),
        nodeCount: num(t, 'nodeCount', q),
        retainedSize: num(t, 'retainedSize', q),
        chain: list(t, 'chain', q, L.maxChainHops, hop),
      };
    }),
    diff:
      d === null
        ? null
        : {
            snapshots: num(obj(d, dp), 'snapshots', dp),
            newInTarget: num(obj(d, dp), 'newInTarget', dp),
            survivingInFinal: num(obj(d, dp), 'survivingInFinal', dp),
            groups: list(obj(d, dp), 'groups', dp, L.maxHeapRows, (x, q) => {
              const g = obj(x, q);
              return {
                className: str(g, 'className', q),
                count: num(g, 'count', q),
                retainedSize: num(g, 'retainedSize', q),
                shape: str(g, 'shape', q),
                chain: list(g, 'chain', q, L.maxChainHops, hop),
              };
            }),
          },
  };
}

const iteration = (v: unknown, p: string): AuditIteration => {
  const o = obj(v, p);
  return {
    index: num(o, 'index', p),
    counters: list(o, 'counters', p, L.maxNamedValues, namedValue),
    listenersByType: list(o, 'listenersByType', p, L.maxNamedValues, namedValue),
    timers: num(o, 'timers', p),
    detachedTrees: num(o, 'detachedTrees', p),
    jsHeapUsed: num(o, 'jsHeapUsed', p),
    suspects: list(o, 'suspects', p, L.maxSuspects, (x, q) => {
      const s = obj(x, q);
      return {
        shape: str(s, 'shape', q),
        title: str(s, 'title', q),
        severity: oneOf<Severity>(s, 'severity', q, SEVERITIES),
        count: num(s, 'count', q),
      };
    }),
    ...(field(o, 'collections') === undefined
      ? {}
      : { collections: list(o, 'collections', p, L.maxIterationCollections, collection) }),
  };
};

const COLLECTION_KINDS = ['Map', 'Set', 'Array', 'Object'] as const;
const collection = (v: unknown, p: string): IterationCollection => {
  const o = obj(v, p);
  return {
    path: str(o, 'path', p),
    kind: oneOf<IterationCollection['kind']>(o, 'kind', p, COLLECTION_KINDS),
    size: num(o, 'size', p),
    chain: list(o, 'chain', p, L.maxCollectionHops, hop),
  };
};

const image = (v: unknown, p: string): ImageRow => {
  const o = obj(v, p);
  return {
    url: str(o, 'url', p),
    naturalWidth: num(o, 'naturalWidth', p),
    naturalHeight: num(o, 'naturalHeight', p),
    displayWidth: num(o, 'displayWidth', p),
    displayHeight: num(o, 'displayHeight', p),
    bytes: num(o, 'bytes', p),
  };
};

function v1(o: Obj): Report {
  const page = obj(field(o, 'page'), 'page');
  const tool = obj(field(o, 'tool'), 'tool');
  const a = field(o, 'audit');
  let audit: Report['audit'] = null;
  if (a !== null) {
    const ao = obj(a, 'audit');
    const iterations = list(ao, 'iterations', 'audit', L.maxIterations, iteration);
    // Growth is derived data: recomputed from the checked iterations rather than trusted from the file.
    if (!Array.isArray(field(ao, 'growth'))) throw new Invalid('audit.growth should be a list');
    audit = {
      scenario: str(ao, 'scenario', 'audit'),
      iterations,
      growth: analyzeGrowth(iterations),
      timings: list(ao, 'timings', 'audit', L.maxNamedValues, namedValue),
    };
  }
  const createdAt = str(o, 'createdAt', 'report', 40);
  if (Number.isNaN(Date.parse(createdAt))) throw new Invalid('report.createdAt should be an ISO date');
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    source: oneOf<ReportSource>(o, 'source', 'report', ['scan', 'audit', 'heap']),
    page: { url: str(page, 'url', 'page'), title: str(page, 'title', 'page') },
    browser: str(o, 'browser', 'report', 200),
    createdAt,
    tool: { name: 'leakscope', version: str(tool, 'version', 'tool', 50) },
    counters: list(o, 'counters', 'report', L.maxCounters, counter),
    suspects: list(o, 'suspects', 'report', L.maxSuspects, suspect),
    heap: field(o, 'heap') === null ? null : heap(field(o, 'heap'), 'heap'),
    audit,
    images: list(o, 'images', 'report', L.maxImages, image),
    notes: list(o, 'notes', 'report', L.maxNotes, (x, q) => {
      if (typeof x !== 'string') throw new Invalid(`${q} should be a string`);
      return clampString(x);
    }),
  };
}

/**
 * Upgrades from older versions, keyed by the version they read. Version 1 is the first, so there is none yet;
 * when v2 comes, `1: (o) => …` turns a v1 object into v2 before validation.
 */
const MIGRATIONS: Record<number, (o: Obj) => Obj> = {};

function identify(data: unknown): Obj | string {
  if (!isObj(data)) return 'This is not a Leakscope report (the file holds JSON, but not an object).';
  if (field(data, 'kind') !== REPORT_KIND) {
    if (isObj(field(data, 'snapshot')) && Array.isArray(field(data, 'nodes')))
      return 'This is a heap snapshot, not a Leakscope report: open it in the Snapshots view or with leakscope analyze.';
    return `This is not a Leakscope report (no "kind": "${REPORT_KIND}").`;
  }
  return data;
}

/** `{ok:true, report}` for a valid report of this or an older, migratable version; else a message for people. */
export function parseReport(text: string): ParseResult {
  try {
    if (typeof text !== 'string')
      return { ok: false, message: 'Nothing to read: expected the text of a report.' };
    if (text.length > MAX_REPORT_CHARS)
      return {
        ok: false,
        message: `This file is too large to be a Leakscope report (${text.length} characters).`,
      };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        message: `This is not a Leakscope report: the file is not valid JSON (${clampString(why, 200)}).`,
      };
    }
    const found = identify(data);
    if (typeof found === 'string') return { ok: false, message: found };
    let o = found;
    let version = field(o, 'version');
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      return { ok: false, message: 'This Leakscope report has no valid version number; it cannot be read.' };
    if (version > REPORT_VERSION)
      return {
        ok: false,
        message: `This report was made by a newer Leakscope (v${version}); update Leakscope to open it (this one reads v${REPORT_VERSION}).`,
      };
    while (version < REPORT_VERSION) {
      const migrate = MIGRATIONS[version];
      if (!migrate)
        return {
          ok: false,
          message: `This report's format (v${version}) is no longer supported; re-create it with this Leakscope.`,
        };
      o = migrate(o);
      version++;
    }
    return { ok: true, report: v1(o) };
  } catch (e) {
    if (e instanceof Invalid)
      return { ok: false, message: `This Leakscope report is damaged: ${e.message}.` };
    return {
      ok: false,
      message: `This Leakscope report could not be read (${e instanceof Error ? e.name : 'error'}).`,
    };
  }
}
