import type { ScanResult } from '../types.ts';

/** Earlier scans of the same document (a reload or navigation starts a new series), oldest first. */
export function sameDocument(scan: ScanResult, history: readonly ScanResult[] = []): ScanResult[] {
  const doc = scan.growth?.documentId;
  if (!doc) return [];
  return history.filter((h) => h !== scan && h.growth?.documentId === doc);
}

/** Grew at every step of a run of at least three measurements (two growths in a row). */
export function steadyGrowth(values: ReadonlyArray<number | undefined>): boolean {
  if (values.length < 3) return false;
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a === undefined || b === undefined || b <= a) return false;
  }
  return true;
}
