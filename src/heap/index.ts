/** Public surface of the heap snapshot engine. */
export { type AnalyzedHeap, type AnalyzeHooks, analyzeGraph, type PassName } from './analyze.ts';
export { DEFAULT_MAX_BYTES, SnapshotError, type SnapshotErrorCode, toSnapshotError } from './errors.ts';
export { buildGraph, type HeapGraph } from './graph.ts';
export { heapHops } from './hops.ts';
export {
  blobChunks,
  type LoadOptions,
  type LoadProgress,
  loadSnapshot,
  SnapshotLoader,
  type TextChunk,
} from './loader.ts';
export {
  type AnalysisInput,
  type PipelineOptions,
  type PipelineProgress,
  runAnalysis,
  type SnapshotRole,
  type SnapshotSource,
} from './pipeline.ts';
export { retainerChain } from './queries/chain.ts';
export { collectIdentities, diffSnapshots, type LeakFilter, LeakFilterError } from './queries/diff.ts';
export { buildAnalysisResult } from './report.ts';
export type * from './result.ts';
export { DEFAULT_LIMITS } from './result.ts';
export { type RawSnapshot, SnapshotStreamParser } from './stream-parser.ts';
export type { HeapWorkerRequest, HeapWorkerResponse, JobOptions } from './worker-protocol.ts';
