import { DEFAULT_MAX_BYTES, throwIfAborted, tooLarge } from './errors.ts';
import { buildGraph, type HeapGraph } from './graph.ts';
import { SnapshotStreamParser } from './stream-parser.ts';

export interface LoadProgress {
  bytesRead: number;
  /** Null when the size is not known up front (a CDP stream). */
  totalBytes: number | null;
}

export interface LoadOptions {
  totalBytes?: number | null;
  /** Refuse input beyond this many bytes (default 2 GiB). Checked up front when the size is known, else as read. */
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
}

/** A piece of snapshot text; `bytesRead` is the running byte count after it (defaults to counting characters). */
export interface TextChunk {
  text: string;
  bytesRead?: number;
}

/**
 * Push-style loader, for sources that deliver chunks as events (CDP `HeapProfiler.addHeapSnapshotChunk`):
 * `write` each chunk, then `finish` for the graph.
 */
export class SnapshotLoader {
  private readonly parser = new SnapshotStreamParser();
  private bytesRead = 0;
  private readonly maxBytes: number;
  private readonly totalBytes: number | null;

  constructor(private readonly opts: LoadOptions = {}) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.totalBytes = opts.totalBytes ?? null;
    if (this.totalBytes !== null && this.totalBytes > this.maxBytes)
      throw tooLarge(this.totalBytes, this.maxBytes);
  }

  write(text: string, bytesRead?: number): void {
    throwIfAborted(this.opts.signal);
    this.bytesRead = bytesRead ?? this.bytesRead + text.length;
    if (this.bytesRead > this.maxBytes) throw tooLarge(this.bytesRead, this.maxBytes);
    this.parser.write(text);
    this.opts.onProgress?.({ bytesRead: this.bytesRead, totalBytes: this.totalBytes });
  }

  get bytes(): number {
    return this.bytesRead;
  }

  finish(): HeapGraph {
    throwIfAborted(this.opts.signal);
    return buildGraph(this.parser.finish());
  }
}

/** Pull-style loader: consumes an async stream of text chunks into a graph. */
export async function loadSnapshot(
  source: AsyncIterable<string | TextChunk> | Iterable<string | TextChunk>,
  opts: LoadOptions = {},
): Promise<{ graph: HeapGraph; bytes: number }> {
  const loader = new SnapshotLoader(opts);
  for await (const chunk of source) {
    if (typeof chunk === 'string') loader.write(chunk);
    else loader.write(chunk.text, chunk.bytesRead);
  }
  return { graph: loader.finish(), bytes: loader.bytes };
}

/** Text chunks of a Blob or File, with byte counts (works in a worker: Blob.stream + TextDecoderStream). */
export async function* blobChunks(blob: Blob): AsyncIterable<TextChunk> {
  let bytesRead = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(bytes, controller) {
      bytesRead += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  // The cast bridges lib.dom's BufferSource vs Uint8Array stream typing; the bytes pass through unchanged.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = blob.stream().pipeThrough(counter).pipeThrough(decoder).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield { text: value, bytesRead };
    }
  } finally {
    reader.releaseLock();
  }
}
