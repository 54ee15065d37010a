import type {
  HeapWorkerRequest,
  HeapWorkerResponse,
  PipelineProgress,
  SnapshotRole,
} from '../../src/heap/index.ts';
import type { Store } from '../store.ts';

const PASS_LABEL = 'Analysing';

/**
 * Runs heap-snapshot analysis in a Web Worker, so DevTools never freezes, and reports it to the store.
 * One file is analysed; two or three are compared (baseline → target → final, in the order they were
 * saved). Each job gets its own worker, terminated when it ends or is cancelled, so its memory is returned.
 */
export class SnapshotImporter {
  private worker: Worker | null = null;
  private jobId = 0;

  constructor(private readonly store: Store) {}

  importFiles(files: File[]): void {
    this.cancel();
    const names = files.map((f) => f.name);
    if (files.length > 3) {
      this.store.setSnapshot({
        kind: 'error',
        files: names,
        message:
          'Import one snapshot to analyse it, or two or three (baseline, target, final) to compare them.',
      });
      return;
    }
    const ordered = [...files].sort((a, b) => a.lastModified - b.lastModified);
    const jobId = ++this.jobId;
    const worker = new Worker(new URL('../../src/heap/worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const orderedNames = ordered.map((f) => f.name);
    this.store.setSnapshot({ kind: 'loading', files: orderedNames, phase: 'Reading…', fraction: 0 });
    worker.onmessage = (e: MessageEvent<HeapWorkerResponse>) => {
      const m = e.data;
      if (m.jobId !== jobId || this.worker !== worker) return;
      if (m.type === 'progress') {
        this.store.setSnapshot({
          kind: 'loading',
          files: orderedNames,
          ...describe(m.progress, ordered.length),
        });
        return;
      }
      this.finish();
      if (m.type === 'result') {
        this.store.setSnapshot({ kind: 'done', files: orderedNames, result: m.result, ms: m.elapsedMs });
      } else if (m.type === 'error') {
        this.store.setSnapshot({ kind: 'error', files: orderedNames, message: m.message });
      } else {
        this.store.setSnapshot({ kind: 'idle' });
      }
    };
    worker.onerror = (e) => {
      if (this.worker !== worker) return;
      this.finish();
      this.store.setSnapshot({
        kind: 'error',
        files: orderedNames,
        message: `The analysis stopped unexpectedly (${e.message || 'the worker crashed, most likely out of memory'}).`,
      });
    };
    const request: HeapWorkerRequest =
      ordered.length === 1
        ? { type: 'analyze', jobId, file: ordered[0] }
        : { type: 'diff', jobId, baseline: ordered[0], target: ordered[1], final: ordered[2] };
    worker.postMessage(request);
  }

  cancel(): void {
    if (!this.worker) return;
    this.finish();
    this.store.setSnapshot({ kind: 'idle' });
  }

  private finish(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

const ROLE_INDEX: Record<SnapshotRole, number> = { snapshot: 0, baseline: 0, target: 1, final: 2 };

/** Overall progress: each file weighs the same; reading is ~70 % of a file's work, the passes the rest. */
function describe(p: PipelineProgress, files: number): { phase: string; fraction: number } {
  const slot = Math.min(files - 1, ROLE_INDEX[p.role]);
  const within =
    p.phase === 'load'
      ? p.totalBytes
        ? 0.7 * (p.bytesRead / p.totalBytes)
        : 0.35
      : 0.7 + (0.3 * p.index) / p.total;
  const phase =
    p.phase === 'load'
      ? `Reading ${p.name}…`
      : `${PASS_LABEL} ${p.name}: ${p.pass.replace(/-/g, ' ')} (${p.index + 1}/${p.total})`;
  return { phase, fraction: Math.min(1, (slot + within) / files) };
}
