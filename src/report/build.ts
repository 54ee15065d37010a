/** Builders: the Scan, an audit and a heap analysis each fill the same Report model. */
import type { AnalysisResult } from '../heap/result.ts';
import type { ScanResult } from '../live/types.ts';
import type { Suspect } from '../suspects/types.ts';
import { analyzeGrowth } from './growth.ts';
import { auditSuspects } from './growth-suspects.ts';
import { heapSuspects } from './heap-suspects.ts';
import { hopsFromHeap, hopsFromLive } from './hops.ts';
import {
  type AuditIteration,
  type AuditSection,
  type Counter,
  clampString,
  finite,
  type HeapSection,
  type ImageRow,
  type NamedValue,
  REPORT_KIND,
  REPORT_LIMITS,
  REPORT_VERSION,
  type Report,
  type ReportMeta,
  type ReportSource,
  type ReportSuspect,
  type SeriesPoint,
} from './model.ts';

const L = REPORT_LIMITS;

function isoTime(t: Date | string): string {
  const d = typeof t === 'string' ? new Date(t) : t;
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

function base(meta: ReportMeta, source: ReportSource): Report {
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    source,
    page: { url: clampString(meta.url), title: clampString(meta.title) },
    browser: clampString(meta.browser),
    createdAt: isoTime(meta.createdAt),
    tool: { name: 'leakscope', version: clampString(meta.toolVersion, 50) },
    counters: [],
    suspects: [],
    heap: null,
    audit: null,
    images: [],
    notes: [],
  };
}

export { hopsFromHeap, hopsFromLive } from './hops.ts';

export function reportSuspect(s: Suspect): ReportSuspect {
  return {
    kind: s.kind,
    severity: s.severity,
    title: clampString(s.title),
    count: s.count,
    nodes: s.evidence.nodes ?? null,
    bytes: s.evidence.bytes ?? null,
    detail: s.evidence.detail !== undefined ? clampString(s.evidence.detail) : null,
    chain: s.chain ? hopsFromLive(s.chain) : null,
    callsite: s.callsite
      ? {
          kind: s.callsite.kind,
          url: s.callsite.url !== null ? clampString(s.callsite.url) : null,
          scriptId: s.callsite.scriptId,
          line: s.callsite.line,
          column: s.callsite.column,
          functionName: clampString(s.callsite.functionName),
        }
      : null,
    fix: clampString(s.fix),
    shape: clampString(s.shape),
  };
}

function namedValues(values: Record<string, number>): NamedValue[] {
  return Object.entries(values)
    .slice(0, L.maxNamedValues)
    .map(([name, value]) => ({ name: clampString(name), value: finite(value) }));
}

export interface ScanReportInput {
  meta: ReportMeta;
  scan: ScanResult;
  /** findSuspects(scan); the panel passes what it shows. */
  suspects: readonly Suspect[];
  /** Counter time series the panel recorded, by counter name. */
  series?: readonly { name: string; points: readonly SeriesPoint[] }[];
  images?: readonly ImageRow[];
}

/** The panel's Scan as a report: Chrome's counters (with their series when given), suspects, the scan's notes. */
export function reportFromScan(input: ScanReportInput): Report {
  const r = base(input.meta, 'scan');
  const seriesOf = new Map((input.series ?? []).map((s) => [s.name, s.points]));
  r.counters = namedValues(input.scan.metrics).map(
    (c): Counter => ({
      ...c,
      series: seriesOf.has(c.name)
        ? seriesOf
            .get(c.name)!
            .slice(-L.maxSeriesPoints)
            .map((p) => ({ t: finite(p.t), v: finite(p.v) }))
        : null,
    }),
  );
  r.suspects = input.suspects.slice(0, L.maxSuspects).map(reportSuspect);
  r.images = (input.images ?? []).slice(0, L.maxImages).map((i) => ({ ...i, url: clampString(i.url) }));
  r.notes = input.scan.notes.slice(0, L.maxNotes).map((n) => clampString(n));
  return r;
}

/** The heap section of a report from the engine's result. */
export function heapSection(a: AnalysisResult): HeapSection {
  return {
    nodeCount: a.summary.nodeCount,
    totalSize: a.summary.totalSize,
    reachableSize: a.summary.reachableSize,
    detachedDomNodes: a.summary.detachedDomNodes,
    detachedTrees: a.detachedTrees.slice(0, L.maxHeapRows).map((t) => ({
      root: clampString(t.root.className),
      nodeCount: t.nodeCount,
      retainedSize: t.retainedSize,
      chain: hopsFromHeap(t.chain),
    })),
    diff: a.diff
      ? {
          snapshots: a.diff.snapshots,
          newInTarget: a.diff.newInTarget,
          survivingInFinal: a.diff.survivingInFinal,
          groups: a.diff.groups.slice(0, L.maxHeapRows).map((g) => ({
            className: clampString(g.className),
            count: g.count,
            retainedSize: g.retainedSize,
            shape: clampString(g.shape),
            chain: hopsFromHeap(g.sampleChain),
          })),
        }
      : null,
  };
}

/** A snapshot analysis (Snapshots view, `leakscope analyze`) as a report: its findings as suspects with severities. */
export function reportFromHeap(meta: ReportMeta, analysis: AnalysisResult): Report {
  const r = base(meta, 'heap');
  r.heap = heapSection(analysis);
  r.suspects = heapSuspects(analysis);
  return r;
}

/** One audit iteration from a live scan and its suspects. */
export function iterationFromScan(
  index: number,
  scan: ScanResult,
  suspects: readonly Suspect[],
): AuditIteration {
  const byType = new Map<string, number>();
  for (const l of scan.listeners) byType.set(l.type, (byType.get(l.type) ?? 0) + 1);
  return {
    index,
    counters: namedValues(scan.metrics),
    listenersByType: [...byType]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .slice(0, L.maxNamedValues)
      .map(([name, value]) => ({ name: clampString(name), value })),
    timers: scan.timers?.length ?? 0,
    detachedTrees: scan.detached.length,
    jsHeapUsed: finite(scan.metrics.JSHeapUsedSize ?? 0),
    suspects: suspects.slice(0, L.maxSuspects).map((s) => ({
      shape: clampString(s.shape),
      title: clampString(s.title),
      severity: s.severity,
      count: s.count,
    })),
    collections: scan.growth.collections.slice(0, L.maxIterationCollections).map((c) => ({
      path: clampString(c.path),
      kind: c.kind,
      size: finite(c.size),
      chain: hopsFromLive(c.chain.slice(-L.maxCollectionHops)),
    })),
  };
}

export interface AuditReportInput {
  meta: ReportMeta;
  scenario: string;
  iterations: readonly AuditIteration[];
  /** Suspects of the last iteration's scan. */
  suspects: readonly Suspect[];
  /** The diff of baseline / target / final snapshots, when taken. */
  heap: AnalysisResult | null;
  /** Chrome's counters at the end. */
  metrics: Record<string, number>;
  timings: readonly NamedValue[];
  notes?: readonly string[];
}

/** An audit: iterations with growth ranked, steady growth as suspects above the last scan's, the heap diff's chains. */
export function reportFromAudit(input: AuditReportInput): Report {
  const r = base(input.meta, 'audit');
  const iterations = input.iterations.slice(0, L.maxIterations);
  const audit: AuditSection = {
    scenario: clampString(input.scenario),
    iterations: [...iterations],
    growth: analyzeGrowth(iterations),
    timings: input.timings.map((t) => ({ name: clampString(t.name), value: finite(t.value) })),
  };
  r.audit = audit;
  r.counters = namedValues(input.metrics).map((c) => ({ ...c, series: null }));
  // Steady growth is itself a suspect and ranks above what stayed constant (see growth-suspects.ts).
  r.suspects = auditSuspects({
    iterations,
    suspects: input.suspects.map(reportSuspect),
    diff: input.heap?.diff ?? null,
  }).slice(0, L.maxSuspects);
  r.heap = input.heap ? heapSection(input.heap) : null;
  r.notes = (input.notes ?? []).slice(0, L.maxNotes).map((n) => clampString(n));
  return r;
}
