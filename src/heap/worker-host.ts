import { SnapshotError, toSnapshotError } from './errors.ts';
import { blobChunks } from './loader.ts';
import { type AnalysisInput, runAnalysis, type SnapshotSource } from './pipeline.ts';
import { type HeapWorkerRequest, type HeapWorkerResponse, isHeapWorkerRequest } from './worker-protocol.ts';

function blobSource(blob: Blob, fallbackName: string): SnapshotSource {
  const name =
    typeof (blob as File).name === 'string' && (blob as File).name ? (blob as File).name : fallbackName;
  return { name, size: blob.size, chunks: () => blobChunks(blob) };
}

/** A macrotask break, so a pending `cancel` message is handled between passes. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The worker's message handling, independent of the global scope so tests can drive it with any `post`.
 * Jobs run one after another in arrival order; `cancel` aborts the matching job (running or queued).
 */
export function createHeapWorkerHost(post: (msg: HeapWorkerResponse) => void) {
  const jobs = new Map<number, AbortController>();
  let queue: Promise<void> = Promise.resolve();

  async function run(
    req: Exclude<HeapWorkerRequest, { type: 'cancel' }>,
    ctrl: AbortController,
  ): Promise<void> {
    const started = Date.now();
    try {
      const blobs =
        req.type === 'analyze' ? [req.file] : [req.baseline, req.target, ...(req.final ? [req.final] : [])];
      if (blobs.some((b) => !(b instanceof Blob)))
        throw new SnapshotError('io', 'No snapshot file was given.');
      const input: AnalysisInput =
        req.type === 'analyze'
          ? { snapshot: blobSource(req.file, 'snapshot') }
          : {
              baseline: blobSource(req.baseline, 'baseline'),
              target: blobSource(req.target, 'target'),
              ...(req.final ? { final: blobSource(req.final, 'final') } : {}),
            };
      const result = await runAnalysis(input, {
        signal: ctrl.signal,
        maxBytes: req.options?.maxBytes,
        limits: req.options?.limits,
        yieldBetweenPasses: breathe,
        onProgress: (progress) => post({ type: 'progress', jobId: req.jobId, progress }),
      });
      if (ctrl.signal.aborted) post({ type: 'cancelled', jobId: req.jobId });
      else post({ type: 'result', jobId: req.jobId, result, elapsedMs: Date.now() - started });
    } catch (err) {
      const e = toSnapshotError(err);
      if (e.code === 'cancelled') post({ type: 'cancelled', jobId: req.jobId });
      else post({ type: 'error', jobId: req.jobId, code: e.code, message: e.message });
    } finally {
      jobs.delete(req.jobId);
    }
  }

  return {
    /** Handles one incoming message; resolves when a started job has finished (for tests). */
    handle(data: unknown): Promise<void> {
      if (!isHeapWorkerRequest(data)) {
        post({
          type: 'error',
          jobId: -1,
          code: 'io',
          message: 'The heap worker received a message it does not understand.',
        });
        return Promise.resolve();
      }
      if (data.type === 'cancel') {
        jobs.get(data.jobId)?.abort();
        return Promise.resolve();
      }
      const ctrl = new AbortController();
      jobs.set(data.jobId, ctrl);
      queue = queue.then(() => run(data, ctrl));
      return queue;
    },
  };
}
