/**
 * Messages between the panel and the heap worker (`src/heap/worker.ts`, a module worker).
 *
 * Panel → worker: `analyze` one snapshot, or `diff` 2–3 (baseline → target → final); `cancel` a running job.
 * Worker → panel: any number of `progress`, then exactly one of `result`, `error` or `cancelled` per job.
 * Every payload is structured-clonable; Blobs (or Files) are passed as is, never read on the panel side.
 * A cancel takes effect between file chunks and between graph passes (a pass on a huge heap can take a couple of
 * seconds); `worker.terminate()` stops at once. Jobs run one at a time, in order.
 *
 * Usage from the panel:
 *   const worker = new Worker(new URL('../src/heap/worker.ts', import.meta.url), { type: 'module' });
 *   worker.postMessage({ type: 'analyze', jobId: 1, file } satisfies HeapWorkerRequest);
 *   worker.onmessage = (e: MessageEvent<HeapWorkerResponse>) => { … };
 */
import type { SnapshotErrorCode } from './errors.ts';
import type { PipelineProgress } from './pipeline.ts';
import type { AnalysisResult, ResultLimits } from './result.ts';

export interface JobOptions {
  /** List lengths in the result (defaults: DEFAULT_LIMITS). */
  limits?: Partial<ResultLimits>;
  /** Refuse files larger than this (default 2 GiB). */
  maxBytes?: number;
}

export type HeapWorkerRequest =
  | { type: 'analyze'; jobId: number; file: Blob; options?: JobOptions }
  | { type: 'diff'; jobId: number; baseline: Blob; target: Blob; final?: Blob; options?: JobOptions }
  | { type: 'cancel'; jobId: number };

export type HeapWorkerResponse =
  | { type: 'progress'; jobId: number; progress: PipelineProgress }
  | { type: 'result'; jobId: number; result: AnalysisResult; elapsedMs: number }
  | { type: 'error'; jobId: number; code: SnapshotErrorCode; message: string }
  | { type: 'cancelled'; jobId: number };

/** Narrow check for messages arriving at the worker (they come from our own panel, but fail loudly if not). */
export function isHeapWorkerRequest(value: unknown): value is HeapWorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return (v.type === 'analyze' || v.type === 'diff' || v.type === 'cancel') && typeof v.jobId === 'number';
}
