import { type AnalyzeHooks, analyzeGraph, type PassName } from './analyze.ts';
import { DEFAULT_MAX_BYTES, throwIfAborted, tooLarge } from './errors.ts';
import { loadSnapshot, type TextChunk } from './loader.ts';
import { collectIdentities, diffSnapshots, type LeakFilter } from './queries/diff.ts';
import { totalSelfSize } from './queries/total-size.ts';
import { buildAnalysisResult } from './report.ts';
import type { AnalysisResult, ResultLimits } from './result.ts';

/** Where snapshot text comes from: a File in the worker, a file path in the command line. */
export interface SnapshotSource {
  /** For messages: a file name. */
  name: string;
  /** Byte size when known (checked against the limit before reading). */
  size: number | null;
  chunks(): AsyncIterable<string | TextChunk>;
}

export type SnapshotRole = 'snapshot' | 'baseline' | 'target' | 'final';

export type PipelineProgress =
  | { phase: 'load'; role: SnapshotRole; name: string; bytesRead: number; totalBytes: number | null }
  | { phase: 'analyze'; role: SnapshotRole; name: string; pass: PassName; index: number; total: number };

/** One snapshot, or two / three for a diff (baseline → target → final; final defaults to target). */
export type AnalysisInput =
  | { snapshot: SnapshotSource }
  | { baseline: SnapshotSource; target: SnapshotSource; final?: SnapshotSource };

export interface PipelineOptions {
  signal?: AbortSignal;
  maxBytes?: number;
  limits?: Partial<ResultLimits>;
  onProgress?: (p: PipelineProgress) => void;
  yieldBetweenPasses?: AnalyzeHooks['yieldBetweenPasses'];
  /** A diff's leak filter (a MemLab scenario's `leakFilter`) instead of the built-in choice of suspects. */
  leakFilter?: LeakFilter;
}

async function load(source: SnapshotSource, role: SnapshotRole, opts: PipelineOptions) {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (source.size !== null && source.size > maxBytes) throw tooLarge(source.size, maxBytes);
  return loadSnapshot(source.chunks(), {
    totalBytes: source.size,
    maxBytes,
    signal: opts.signal,
    onProgress: (p) => opts.onProgress?.({ phase: 'load', role, name: source.name, ...p }),
  });
}

async function analyze(source: SnapshotSource, role: SnapshotRole, opts: PipelineOptions) {
  const { graph, bytes } = await load(source, role, opts);
  const heap = await analyzeGraph(graph, {
    signal: opts.signal,
    yieldBetweenPasses: opts.yieldBetweenPasses,
    onPass: (pass, index, total) =>
      opts.onProgress?.({ phase: 'analyze', role, name: source.name, pass, index, total }),
  });
  return { heap, bytes };
}

/** Load → passes → queries → compact result. Earlier diff snapshots are reduced to their id sets right away. */
export async function runAnalysis(input: AnalysisInput, opts: PipelineOptions = {}): Promise<AnalysisResult> {
  if ('snapshot' in input) {
    const { heap, bytes } = await analyze(input.snapshot, 'snapshot', opts);
    throwIfAborted(opts.signal);
    return buildAnalysisResult(heap, { limits: opts.limits, bytes });
  }
  const baselineGraph = (await load(input.baseline, 'baseline', opts)).graph;
  const baselineIds = collectIdentities(baselineGraph);
  const totalSizes = [totalSelfSize(baselineGraph)];
  if (!input.final) {
    const { heap, bytes } = await analyze(input.target, 'target', opts);
    const nodes = diffSnapshots(baselineIds, collectIdentities(heap.graph), heap, opts.leakFilter);
    totalSizes.push(totalSelfSize(heap.graph));
    return buildAnalysisResult(heap, {
      limits: opts.limits,
      bytes,
      diff: { nodes, snapshots: 2, totalSizes },
    });
  }
  const targetGraph = (await load(input.target, 'target', opts)).graph;
  const targetIds = collectIdentities(targetGraph);
  totalSizes.push(totalSelfSize(targetGraph));
  const { heap, bytes } = await analyze(input.final, 'final', opts);
  throwIfAborted(opts.signal);
  const nodes = diffSnapshots(baselineIds, targetIds, heap, opts.leakFilter);
  totalSizes.push(totalSelfSize(heap.graph));
  return buildAnalysisResult(heap, { limits: opts.limits, bytes, diff: { nodes, snapshots: 3, totalSizes } });
}
