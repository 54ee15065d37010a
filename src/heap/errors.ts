import { formatBytes } from '../format.ts';

/** Why a snapshot could not be read or analysed. Stable codes for programs; `message` is written for people. */
export type SnapshotErrorCode =
  | 'empty'
  | 'not-json'
  | 'not-snapshot'
  | 'bad-meta'
  | 'truncated'
  | 'bad-graph'
  | 'no-nodes'
  | 'too-large'
  | 'cancelled'
  | 'io';

/** The one error class the heap engine throws on bad input; its message can be shown to a user as is. */
export class SnapshotError extends Error {
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Turns anything thrown into a SnapshotError (unexpected failures keep their text, tagged 'io'). */
export function toSnapshotError(err: unknown): SnapshotError {
  if (err instanceof SnapshotError) return err;
  if (err instanceof RangeError) {
    return new SnapshotError('too-large', `Out of memory while reading the snapshot (${err.message}).`);
  }
  const text = err instanceof Error ? err.message : String(err);
  return new SnapshotError('io', text);
}

export function cancelled(): SnapshotError {
  return new SnapshotError('cancelled', 'Analysis cancelled.');
}

/** Throws the 'cancelled' error when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Largest snapshot file accepted by default (2 GiB): beyond that the typed arrays alone outgrow a tab or worker. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export function tooLarge(bytes: number, maxBytes: number): SnapshotError {
  return new SnapshotError(
    'too-large',
    `The snapshot is ${formatBytes(bytes)}; Leakscope reads snapshots up to ${formatBytes(maxBytes)}.`,
  );
}
