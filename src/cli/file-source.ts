import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SnapshotError } from '../heap/errors.ts';
import type { TextChunk } from '../heap/loader.ts';
import type { SnapshotSource } from '../heap/pipeline.ts';

/** A snapshot file on disk, read as a byte stream and decoded incrementally (never one big string). */
export function fileSource(path: string): SnapshotSource {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new SnapshotError('io', `${path} is not a file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
    throw new SnapshotError('io', `Cannot read ${path}: ${why}.`);
  }
  return {
    name: basename(path),
    size,
    async *chunks(): AsyncIterable<TextChunk> {
      const decoder = new TextDecoder('utf-8');
      let bytesRead = 0;
      for await (const buf of createReadStream(path, { highWaterMark: 1 << 16 })) {
        bytesRead += (buf as Buffer).length;
        yield { text: decoder.decode(buf as Buffer, { stream: true }), bytesRead };
      }
      const tail = decoder.decode();
      if (tail) yield { text: tail, bytesRead };
    },
  };
}
