import type { ScanProgress, ScanResult } from '../../src/live/index.ts';
import type { Suspect } from '../../src/suspects/index.ts';

/** The live scan as the Suspects view shows it. */
export type ScanState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ScanProgress | null }
  | { kind: 'done'; result: ScanResult; suspects: Suspect[]; at: number }
  | { kind: 'error'; message: string };
