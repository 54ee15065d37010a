import {
  type ColumnBounds,
  type EdgeColumns,
  EdgeColumnsBuilder,
  type NodeColumns,
  NodeColumnsBuilder,
} from './columns.ts';
import { SnapshotError } from './errors.ts';
import { readLayout, type SnapshotHeader, type SnapshotLayout } from './meta.ts';

/**
 * What the streaming parser produces: nodes and edges split into typed-array columns (see columns.ts), the
 * `locations` array, the strings table, and the `snapshot` header parsed normally. Sections the engine does not
 * use (trace_tree, samples, scopes, …) are skipped.
 */
export interface RawSnapshot {
  header: SnapshotHeader;
  layout: SnapshotLayout;
  nodes: NodeColumns;
  edges: EdgeColumns;
  bounds: ColumnBounds;
  locations: Uint32Array;
  strings: string[];
}

/** Where the values of one numeric section go, a batch (one parsed chunk) at a time. */
interface ValueSink {
  add(values: Uint32Array, n: number): void;
}

/** Sections parsed as flat unsigned-integer arrays straight into typed arrays. */
const NUMERIC_SECTIONS = new Set(['nodes', 'edges', 'locations']);

/** 2^30 values (4 GiB of Uint32): more than any snapshot under the size limit can hold. */
const MAX_PREALLOCATED = 2 ** 30;

/** A flat growing Uint32Array: `locations`, or nodes / edges of a file whose header comes after them. */
class U32Builder implements ValueSink {
  array: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.array = new Uint32Array(capacity);
  }
  add(values: Uint32Array, n: number): void {
    if (this.length + n > this.array.length)
      this.reserve(Math.max(this.length + n, Math.ceil(this.array.length * 1.5)));
    this.array.set(values.subarray(0, n), this.length);
    this.length += n;
  }
  reserve(capacity: number): void {
    if (capacity <= this.array.length) return;
    const next = new Uint32Array(capacity);
    next.set(this.array.subarray(0, this.length));
    this.array = next;
  }
  finish(): Uint32Array {
    // Exact-size results keep no slack; a copy only happens when the header's count was missing or wrong.
    return this.length === this.array.length ? this.array : this.array.slice(0, this.length);
  }
}

enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  AfterValue,
  Done,
  NumberArray,
  StringArray,
  Generic,
}

enum Ch {
  Quote = 34,
  Comma = 44,
  Colon = 58,
  Backslash = 92,
  OpenBracket = 91,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  Zero = 48,
  Nine = 57,
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Index of the closing quote of a JSON string whose body starts at `from`, or -1 if the chunk ends first.
 * `escapedFirst` says the previous chunk ended in an odd run of backslashes (so chunk[from] is escaped).
 */
function findClosingQuote(s: string, from: number, escapedFirst: boolean): number {
  const start = escapedFirst ? from + 1 : from;
  let i = start;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= start && s.charCodeAt(k) === Ch.Backslash) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    i = q + 1;
  }
}

/**
 * True when the chunk ends inside an escape (an odd run of trailing backslashes), counting only from where the
 * string body continues in this chunk: a first character escaped by the previous chunk is not part of a run.
 */
function endsEscaped(s: string, from: number, escapedFirst: boolean): boolean {
  const start = escapedFirst ? from + 1 : from;
  let k = s.length - 1;
  while (k >= start && s.charCodeAt(k) === Ch.Backslash) k--;
  return (s.length - 1 - k) % 2 === 1;
}

/**
 * A push parser for the V8 heap snapshot JSON. Feed it string chunks of any size with `write`, then `finish`.
 * It never holds the whole file as one string (V8 strings stop at ~512 MB): numbers go straight into typed
 * arrays, each entry of `strings` is cut out on its own, and only small sections are buffered and JSON.parsed.
 */
export class SnapshotStreamParser {
  private state = State.Start;
  private charsSeen = 0;
  private key = '';
  /** Pieces of a string token (a key or a `strings` entry) that spans chunks. */
  private parts: string[] = [];
  private escapedFirst = false;
  private inString = false;
  // Generic (buffered or skipped) value state.
  private depth = 0;
  private capture: string[] | null = null;
  // Numeric array state: digits are parsed into `batch`, which goes to `target` at the end of each chunk.
  private target: ValueSink | null = null;
  private batch = new Uint32Array(0);
  private current = 0;
  private inNumber = false;
  private sectionValues = 0;
  private haveValue = false;

  private header: SnapshotHeader | null = null;
  private layout: SnapshotLayout | null = null;
  private nodeColumns: NodeColumnsBuilder | null = null;
  private edgeColumns: EdgeColumnsBuilder | null = null;
  /** Sections parsed flat: `locations`, and `nodes` / `edges` met before the header (split in finish). */
  private readonly flat = new Map<string, U32Builder>();
  private strings: string[] = [];
  private sawStrings = false;

  /** Parses one more piece of the file. Throws a SnapshotError as soon as the text cannot be a snapshot. */
  write(chunk: string): void {
    const len = chunk.length;
    let i = 0;
    while (i < len) {
      switch (this.state) {
        case State.NumberArray:
          i = this.numbers(chunk, i);
          break;
        case State.StringArray:
          i = this.stringEntries(chunk, i);
          break;
        case State.Key:
          i = this.keyText(chunk, i);
          break;
        case State.Generic:
          i = this.generic(chunk, i);
          break;
        default:
          i = this.structure(chunk, i);
      }
    }
    this.charsSeen += len;
  }

  /** Ends the input and returns the parsed snapshot; throws a SnapshotError on an empty or cut-off file. */
  finish(): RawSnapshot {
    if (this.state === State.Start) {
      throw new SnapshotError('empty', 'The file is empty.');
    }
    if (this.state !== State.Done) {
      const where = this.key ? ` inside "${this.key}"` : '';
      throw new SnapshotError(
        'truncated',
        `The snapshot ends too early${where} (after ${this.charsSeen} characters); the file looks cut off.`,
      );
    }
    if (!this.header)
      throw new SnapshotError(
        'not-snapshot',
        'This JSON file is not a heap snapshot (no "snapshot" header).',
      );
    const layout = this.layout ?? readLayout(this.header);
    const nodes = this.nodeColumns ?? this.splitFlat('nodes', new NodeColumnsBuilder(layout, 0));
    const edges = this.edgeColumns ?? this.splitFlat('edges', new EdgeColumnsBuilder(layout, 0));
    if (!nodes || !edges || !this.sawStrings) {
      throw new SnapshotError(
        'not-snapshot',
        'This JSON file is not a heap snapshot (no "nodes", "edges" or "strings").',
      );
    }
    return {
      header: this.header,
      layout,
      nodes: nodes.finish(),
      edges: edges.finish(),
      bounds: { maxNodeType: nodes.maxType, maxNodeName: nodes.maxName, maxEdgeTarget: edges.maxTarget },
      locations: this.flat.get('locations')?.finish() ?? new Uint32Array(0),
      strings: this.strings,
    };
  }

  /** A section that came before the header, split into columns now that the layout is known. */
  private splitFlat<T extends ValueSink>(key: string, columns: T): T | null {
    const flat = this.flat.get(key);
    if (!flat) return null;
    columns.add(flat.array, flat.length);
    this.flat.delete(key);
    return columns;
  }

  private fail(detail: string): never {
    throw new SnapshotError('not-json', `The file is not valid heap snapshot JSON: ${detail}.`);
  }

  /** A string with escapes, as JSON reads it; a bad escape (`\x`, a cut `\u12`) is a not-json SnapshotError. */
  private unescape(raw: string): string {
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      this.fail('a bad escape sequence in "strings"');
    }
  }

  /** Top-level object punctuation: `{ "key": value, … }`. */
  private structure(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (isSpace(c)) return i + 1;
    switch (this.state) {
      case State.Start:
        if (c === 0xfeff) return i + 1; // byte-order mark
        if (c !== Ch.OpenBrace) {
          if (c === Ch.OpenBracket || c === Ch.Quote || (c >= Ch.Zero && c <= Ch.Nine)) {
            throw new SnapshotError(
              'not-snapshot',
              'This JSON file is not a heap snapshot (it is not an object).',
            );
          }
          this.fail(`it starts with ${JSON.stringify(s.slice(i, i + 12))}`);
        }
        this.state = State.KeyOrEnd;
        return i + 1;
      case State.KeyOrEnd:
        if (c === Ch.CloseBrace) {
          this.state = State.Done;
          return i + 1;
        }
        if (c !== Ch.Quote) this.fail(`expected a key at character ${this.charsSeen + i}`);
        this.parts = [];
        this.escapedFirst = false;
        this.state = State.Key;
        return i + 1;
      case State.Colon:
        if (c !== Ch.Colon) this.fail(`expected ":" after "${this.key}"`);
        this.state = State.Value;
        return i + 1;
      case State.Value:
        return this.startValue(i, c);
      case State.AfterValue:
        if (c === Ch.Comma) {
          this.state = State.KeyOrEnd;
          return i + 1;
        }
        if (c === Ch.CloseBrace) {
          this.state = State.Done;
          return i + 1;
        }
        return this.fail(`expected "," or "}" after "${this.key}"`);
      case State.Done:
        return this.fail('unexpected text after the end of the snapshot');
      default:
        return this.fail('internal parser state');
    }
  }

  private keyText(s: string, i: number): number {
    const q = findClosingQuote(s, i, this.escapedFirst);
    if (q < 0) {
      this.parts.push(s.slice(i));
      this.escapedFirst = endsEscaped(s, i, this.escapedFirst);
      return s.length;
    }
    this.parts.push(s.slice(i, q));
    const raw = this.parts.join('');
    this.parts = [];
    this.key = raw.includes('\\') ? this.unescape(raw) : raw;
    this.state = State.Colon;
    return q + 1;
  }

  private startValue(i: number, c: number): number {
    const key = this.key;
    if (NUMERIC_SECTIONS.has(key) || key === 'strings') {
      if (c !== Ch.OpenBracket) throw new SnapshotError('not-snapshot', `"${key}" is not an array.`);
      if (key === 'strings') {
        this.sawStrings = true;
        this.strings = [];
        this.haveValue = false;
        this.state = State.StringArray;
      } else {
        this.target = this.sectionBuilder(key);
        this.sectionValues = 0;
        this.current = 0;
        this.inNumber = false;
        this.haveValue = false;
        this.state = State.NumberArray;
      }
      return i + 1;
    }
    // Anything else is either buffered (the small "snapshot" header) or skipped without keeping its text.
    this.capture = key === 'snapshot' ? [] : null;
    this.depth = 0;
    this.inString = false;
    this.escapedFirst = false;
    this.state = State.Generic;
    return i;
  }

  private sectionBuilder(key: string): ValueSink {
    const h = this.header;
    // The header comes first in V8's output: split straight into columns, allocated once from its counts.
    if (h && key !== 'locations') {
      this.layout ??= readLayout(h);
      const count = key === 'nodes' ? h.node_count : h.edge_count;
      const rows = typeof count === 'number' && count > 0 ? count : 0;
      const fields = key === 'nodes' ? this.layout.nodeFieldCount : this.layout.edgeFieldCount;
      if (rows * fields > MAX_PREALLOCATED) {
        throw new SnapshotError(
          'bad-meta',
          `The snapshot header announces an impossible size (${rows * fields} values in "${key}").`,
        );
      }
      if (key === 'nodes') {
        this.nodeColumns = new NodeColumnsBuilder(this.layout, rows);
        return this.nodeColumns;
      }
      this.edgeColumns = new EdgeColumnsBuilder(this.layout, rows);
      return this.edgeColumns;
    }
    const b = new U32Builder();
    this.flat.set(key, b);
    return b;
  }

  /** The hot loop: decimal digits into a reused batch, handed to the section's sink once per chunk. */
  private numbers(s: string, i: number): number {
    const len = s.length;
    // Every value but the last needs a digit and a separator: this bounds the values one chunk can hold.
    if (this.batch.length < (len - i) / 2 + 2) this.batch = new Uint32Array(Math.ceil((len - i) / 2) + 2);
    const arr = this.batch;
    let n = 0;
    let cur = this.current;
    let inNumber = this.inNumber;
    let haveValue = this.haveValue;
    while (i < len) {
      let c = s.charCodeAt(i);
      if (c >= Ch.Zero && c <= Ch.Nine) {
        if (haveValue) this.fail(`missing "," in "${this.key}"`);
        // Consume the whole run of digits in a tight loop (most characters of the file are here).
        do {
          cur = cur * 10 + (c - Ch.Zero);
          if (++i === len) break;
          c = s.charCodeAt(i);
        } while (c >= Ch.Zero && c <= Ch.Nine);
        inNumber = true;
        if (i === len) break; // the number may continue in the next chunk
      }
      if (inNumber) {
        // Only a self_size can legitimately pass 32 bits (an ArrayBuffer backing store over 4 GiB); saturate it.
        // Out-of-range ids or edge targets are caught by the graph checks.
        if (cur > 0xffffffff) cur = 0xffffffff;
        arr[n++] = cur;
        cur = 0;
        inNumber = false;
        haveValue = true;
      }
      if (c === Ch.Comma) {
        if (!haveValue) this.fail(`unexpected "," in "${this.key}"`);
        haveValue = false;
      } else if (c === Ch.CloseBracket) {
        if (!haveValue && (n > 0 || this.sectionValues > 0)) this.fail(`trailing "," in "${this.key}"`);
        this.state = State.AfterValue;
        i++;
        break;
      } else if (!isSpace(c)) {
        this.fail(
          `unexpected ${JSON.stringify(String.fromCharCode(c))} in "${this.key}" (expected unsigned integers)`,
        );
      }
      i++;
    }
    this.target!.add(arr, n);
    this.sectionValues += n;
    this.current = cur;
    this.inNumber = inNumber;
    this.haveValue = haveValue;
    return i;
  }

  /** `strings`: each entry is cut out separately; only entries with escapes go through JSON.parse. */
  private stringEntries(s: string, i: number): number {
    const len = s.length;
    while (i < len) {
      if (this.inString) {
        const q = findClosingQuote(s, i, this.escapedFirst);
        if (q < 0) {
          this.parts.push(s.slice(i));
          this.escapedFirst = endsEscaped(s, i, this.escapedFirst);
          return len;
        }
        let raw: string;
        if (this.parts.length > 0) {
          this.parts.push(s.slice(i, q));
          raw = this.parts.join('');
          this.parts = [];
        } else {
          raw = s.slice(i, q);
        }
        this.strings.push(raw.includes('\\') ? this.unescape(raw) : raw);
        this.inString = false;
        this.haveValue = true;
        i = q + 1;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === Ch.Quote) {
        if (this.haveValue) this.fail('missing "," in "strings"');
        this.inString = true;
        this.escapedFirst = false;
        i++;
      } else if (c === Ch.Comma) {
        if (!this.haveValue) this.fail('unexpected "," in "strings"');
        this.haveValue = false;
        i++;
      } else if (c === Ch.CloseBracket) {
        this.state = State.AfterValue;
        return i + 1;
      } else if (isSpace(c)) {
        i++;
      } else {
        this.fail(`unexpected ${JSON.stringify(String.fromCharCode(c))} in "strings"`);
      }
    }
    return i;
  }

  /** Any other value: tracks nesting and strings to find its end, keeping the text only for "snapshot". */
  private generic(s: string, i: number): number {
    const len = s.length;
    const start = i;
    let depth = this.depth;
    let end = -1;
    while (i < len) {
      if (this.inString) {
        const q = findClosingQuote(s, i, this.escapedFirst);
        if (q < 0) {
          this.escapedFirst = endsEscaped(s, i, this.escapedFirst);
          i = len;
          break;
        }
        this.inString = false;
        i = q + 1;
        if (depth === 0) {
          end = i;
          break;
        }
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === Ch.Quote) {
        this.inString = true;
        this.escapedFirst = false;
        i++;
      } else if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
        depth++;
        i++;
      } else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        if (depth === 0) {
          end = i; // a bare primitive ended by the enclosing "}"
          break;
        }
        depth--;
        i++;
        if (depth === 0) {
          end = i;
          break;
        }
      } else if (c === Ch.Comma && depth === 0) {
        end = i;
        break;
      } else {
        i++;
      }
    }
    this.depth = depth;
    if (this.capture) this.capture.push(s.slice(start, end < 0 ? len : end));
    if (end < 0) return len;
    if (this.capture) this.finishHeader(this.capture.join(''));
    this.capture = null;
    this.state = State.AfterValue;
    return end;
  }

  private finishHeader(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.fail('the "snapshot" header is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new SnapshotError('bad-meta', 'The "snapshot" header is not an object.');
    }
    this.header = value as SnapshotHeader;
  }
}
