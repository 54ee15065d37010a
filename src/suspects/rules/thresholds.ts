import type { Severity } from '../types.ts';

/** One place for the numbers the rules judge by. */
export const MB = 1 << 20;

/** A detached tree's severity by size: one stray node is cheap, a removed table or dialog is not. */
export function severityForNodes(nodes: number): Severity {
  if (nodes >= 100) return 'high';
  if (nodes >= 10) return 'medium';
  return 'low';
}

/** Data reached from a long-lived root (global, interval): only large amounts matter. */
export function severityForBytes(bytes: number): Severity | null {
  if (bytes >= 64 * MB) return 'medium';
  if (bytes >= 8 * MB) return 'low';
  if (bytes >= 1 * MB) return 'info';
  return null;
}

export function raise(s: Severity): Severity {
  return s === 'info' ? 'low' : s === 'low' ? 'medium' : 'high';
}

/** Pixels decoded but never shown (oversized, detached or hidden images): a few MB per image adds up fast. */
export function severityForWaste(bytes: number): Severity | null {
  if (bytes >= 32 * MB) return 'high';
  if (bytes >= 8 * MB) return 'medium';
  if (bytes >= 1 * MB) return 'low';
  return null;
}
