/**
 * The `mappings` field of a source map v3: lines separated by `;`, segments by `,`, each segment 1, 4 or 5
 * base64 VLQ numbers, every field but the generated column relative to the previous segment of the whole map.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Segment fields, flat: generated column, source index, original line, original column, name index (-1: none). */
export const SEGMENT_FIELDS = 5;

/** One generated line: segments sorted by generated column, SEGMENT_FIELDS numbers each. */
export type LineSegments = Int32Array;

export class MappingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingsError';
  }
}

/**
 * Decodes `mappings` into one segment array per generated line. Throws MappingsError on a bad digit, a number
 * beyond 32 bits, a segment of 2 or 3 fields, or a negative position — a bad map is ignored by the caller.
 */
export function decodeMappings(mappings: string): LineSegments[] {
  const lines: LineSegments[] = [];
  let line: number[] = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  let name = 0;
  let genCol = 0;
  const fields: number[] = [0, 0, 0, 0, 0];
  let i = 0;
  const n = mappings.length;
  const endLine = () => {
    lines.push(sortSegments(line));
    line = [];
    genCol = 0; // the generated column restarts on each line; the other fields run on
  };
  while (i <= n) {
    if (i === n) {
      endLine();
      break;
    }
    const c = mappings.charCodeAt(i);
    if (c === 59 /* ; */) {
      endLine();
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      i++;
      continue;
    }
    let count = 0;
    while (i < n) {
      const d = mappings.charCodeAt(i);
      if (d === 44 || d === 59) break;
      if (count === 5) throw new MappingsError(`a segment has more than 5 fields at ${i}`);
      // One VLQ number: 5 data bits per digit, continuation in bit 6, sign in the lowest bit of the result.
      let value = 0;
      let shift = 0;
      for (;;) {
        if (i >= n) throw new MappingsError('the mappings end inside a number');
        const code = mappings.charCodeAt(i++);
        const digit = code < 128 ? DIGIT[code] : -1;
        if (digit < 0) throw new MappingsError(`bad base64 digit at ${i - 1}`);
        if (shift > 30) throw new MappingsError(`a number beyond 32 bits at ${i - 1}`);
        value += (digit & 31) * 2 ** shift;
        shift += 5;
        if (!(digit & 32)) break;
      }
      fields[count++] = value % 2 === 1 ? -Math.floor(value / 2) : value / 2;
    }
    if (count !== 1 && count !== 4 && count !== 5) throw new MappingsError(`a segment of ${count} fields`);
    genCol += fields[0];
    if (genCol < 0) throw new MappingsError('a negative generated column');
    if (count === 1) {
      line.push(genCol, -1, -1, -1, -1);
      continue;
    }
    source += fields[1];
    origLine += fields[2];
    origCol += fields[3];
    if (source < 0 || origLine < 0 || origCol < 0) throw new MappingsError('a negative original position');
    let nameIndex = -1;
    if (count === 5) {
      name += fields[4];
      if (name < 0) throw new MappingsError('a negative name index');
      nameIndex = name;
    }
    line.push(genCol, source, origLine, origCol, nameIndex);
  }
  return lines;
}

/** Tools emit segments in column order; sort only when one did not, so lookups can bisect. */
function sortSegments(flat: number[]): LineSegments {
  const out = Int32Array.from(flat);
  let sorted = true;
  for (let k = SEGMENT_FIELDS; k < out.length; k += SEGMENT_FIELDS) {
    if (out[k] < out[k - SEGMENT_FIELDS]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return out;
  const order = Array.from({ length: out.length / SEGMENT_FIELDS }, (_, j) => j).sort(
    (a, b) => out[a * SEGMENT_FIELDS] - out[b * SEGMENT_FIELDS],
  );
  const copy = new Int32Array(out.length);
  order.forEach((from, to) => {
    copy.set(
      out.subarray(from * SEGMENT_FIELDS, from * SEGMENT_FIELDS + SEGMENT_FIELDS),
      to * SEGMENT_FIELDS,
    );
  });
  return copy;
}
