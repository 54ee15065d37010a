import type { AnalysisResult } from '../../src/heap/index.ts';

/** What the Snapshots view shows: nothing yet, an analysis in progress, its result, or why it failed. */
export type SnapshotState =
  | { kind: 'idle' }
  | { kind: 'loading'; files: string[]; phase: string; fraction: number }
  | { kind: 'done'; files: string[]; result: AnalysisResult; ms: number }
  | { kind: 'error'; files: string[]; message: string };
