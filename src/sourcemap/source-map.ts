/**
 * A small source map v3 reader: parses a map (plain or index map with `sections`) and answers "where in the
 * original source is this generated position". Pure and host-independent; page data, so every field is checked
 * and a map that does not make sense is refused as a whole (null) rather than half-trusted.
 */
import { decodeMappings, type LineSegments, MappingsError, SEGMENT_FIELDS } from './vlq.ts';

/** Larger maps are not read (DevTools itself struggles with them; the panel must stay responsive). */
export const MAX_MAP_CHARS = 20 * 1024 * 1024;
/** Index maps nest; more sections than this is not a real bundle. */
const MAX_SECTIONS = 10_000;

/** An original position; line and column 0-based like CDP's. */
export interface OriginalPosition {
  /** The original source's URL, resolved against `sourceRoot` and the map's URL. */
  url: string;
  line: number;
  column: number;
  /** The original name at that position, when the map has one. */
  name: string | null;
}

interface Section {
  /** Generated offset of the section (0-based line, column). */
  line: number;
  column: number;
  map: PlainMap;
}

interface PlainMap {
  sources: string[];
  names: string[];
  lines: LineSegments[];
}

export interface SourceMap {
  sections: Section[];
}

/** Parses a source map's text; null for anything that is not a usable v3 map (bad JSON, bad VLQ, too large). */
export function parseSourceMap(text: string, mapUrl: string): SourceMap | null {
  if (typeof text !== 'string' || text.length > MAX_MAP_CHARS) return null;
  // A map may start with the XSSI guard `)]}'` on its own line (spec: skip the first line then).
  const body = text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  try {
    const sections = readMap(json, mapUrl, 0, 0, 0);
    return sections && { sections };
  } catch (e) {
    if (e instanceof MappingsError) return null;
    throw e;
  }
}

function readMap(
  json: unknown,
  mapUrl: string,
  line: number,
  column: number,
  depth: number,
): Section[] | null {
  if (!isObject(json) || json.version !== 3 || depth > 2) return null;
  if (Array.isArray(json.sections)) {
    if (json.sections.length > MAX_SECTIONS) return null;
    const out: Section[] = [];
    for (const s of json.sections) {
      if (!isObject(s) || !isObject(s.offset)) return null;
      const l = s.offset.line;
      const c = s.offset.column;
      if (!isIndex(l) || !isIndex(c)) return null;
      const inner = readMap(s.map, mapUrl, line + l, l === 0 ? column + c : c, depth + 1);
      if (!inner) return null;
      out.push(...inner);
    }
    // Sections must be in generated order for the lookup to bisect.
    for (let i = 1; i < out.length; i++) if (before(out[i], out[i - 1])) return null;
    return out;
  }
  if (typeof json.mappings !== 'string' || !Array.isArray(json.sources)) return null;
  const root = typeof json.sourceRoot === 'string' ? json.sourceRoot : '';
  const sources = json.sources.map((s) => resolveSource(typeof s === 'string' ? s : '', root, mapUrl));
  const names = Array.isArray(json.names) ? json.names.map((n) => (typeof n === 'string' ? n : '')) : [];
  return [{ line, column, map: { sources, names, lines: decodeMappings(json.mappings) } }];
}

/** `sourceRoot` + source, resolved against the map's URL (which is the script's URL for inline maps). */
export function resolveSource(source: string, sourceRoot: string, mapUrl: string): string {
  const joined =
    sourceRoot && !/^[a-z][\w+.-]*:/i.test(source) ? `${sourceRoot.replace(/\/?$/, '/')}${source}` : source;
  try {
    return new URL(joined, mapUrl).href;
  } catch {
    return joined;
  }
}

/**
 * The original position of generated `line`:`column` (0-based): the last segment at or before the column on
 * that line, as DevTools picks it. Null when that segment has no source or the position is unmapped.
 */
export function originalPosition(map: SourceMap, line: number, column: number): OriginalPosition | null {
  const { sections } = map;
  let lo = 0;
  let hi = sections.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid];
    if (s.line < line || (s.line === line && s.column <= column)) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at < 0) return null;
  const s = sections[at];
  const localLine = line - s.line;
  const localColumn = localLine === 0 ? column - s.column : column;
  const segs = s.map.lines[localLine];
  if (!segs?.length) return null;
  // Bisect for the last segment whose generated column is ≤ the column.
  let l = 0;
  let h = segs.length / SEGMENT_FIELDS - 1;
  let found = -1;
  while (l <= h) {
    const m = (l + h) >> 1;
    if (segs[m * SEGMENT_FIELDS] <= localColumn) {
      found = m;
      l = m + 1;
    } else h = m - 1;
  }
  if (found < 0) return null;
  const k = found * SEGMENT_FIELDS;
  const source = segs[k + 1];
  if (source < 0 || source >= s.map.sources.length) return null;
  const name = segs[k + 4];
  return {
    url: s.map.sources[source],
    line: segs[k + 2],
    column: segs[k + 3],
    name: name >= 0 && name < s.map.names.length ? s.map.names[name] : null,
  };
}

function before(a: Section, b: Section): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
