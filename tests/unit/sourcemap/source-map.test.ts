import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  decodeDataUrl,
  decodeMappings,
  MAX_MAP_CHARS,
  originalPosition,
  parseSourceMap,
  resolveMapUrl,
} from '../../../src/sourcemap/index.ts';

// Built by esbuild (tests/fixtures/pages/sourcemap/build.sh): a minified one-line bundle of src/*.ts.
const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pages', 'sourcemap');
const bundle = readFileSync(join(DIR, 'bundle.js'), 'utf8');
const mapText = readFileSync(join(DIR, 'bundle.js.map'), 'utf8');
const inline = readFileSync(join(DIR, 'inline.js'), 'utf8');
const dialog = readFileSync(join(DIR, 'src', 'dialog.ts'), 'utf8').split('\n');
const BASE = 'http://127.0.0.1:8000/sourcemap/';

/** 0-based line and column of the n-th occurrence of `token` in the original dialog.ts. */
function inDialog(token: string): { line: number; column: number } {
  const line = dialog.findIndex((l) => l.includes(token));
  return { line, column: dialog[line].indexOf(token) };
}

describe('a real esbuild map', () => {
  const map = parseSourceMap(mapText, `${BASE}bundle.js.map`)!;

  test('calls in the minified bundle map back to the line and column of the same call in the source', () => {
    expect(map).not.toBeNull();
    for (const token of ['addEventListener', 'setInterval', 'createElement', 'append']) {
      const at = originalPosition(map, 0, bundle.indexOf(token));
      expect(at, token).toMatchObject({ url: `${BASE}src/dialog.ts`, ...inDialog(token) });
    }
    // A position between segments takes the segment before it (as DevTools does).
    const at = originalPosition(map, 0, bundle.indexOf('addEventListener') + 3);
    expect(at).toMatchObject(inDialog('addEventListener'));
  });

  test('names are kept, the second source is resolved too, unmapped lines give null', () => {
    const fn = originalPosition(map, 0, bundle.indexOf('function ') + 9);
    expect(fn).toMatchObject({ name: 'openDialog', line: 1 });
    const loop = originalPosition(map, 0, bundle.indexOf('for(let'));
    expect(loop?.url).toBe(`${BASE}src/main.ts`);
    expect(originalPosition(map, 5, 0)).toBeNull();
  });

  test('an inline data: map decodes to the same positions', () => {
    const comment = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(inline)![1];
    const text = decodeDataUrl(comment, MAX_MAP_CHARS)!;
    const m = parseSourceMap(text, `${BASE}inline.js`)!;
    const at = originalPosition(m, 0, inline.indexOf('setInterval'));
    expect(at).toMatchObject({ url: `${BASE}src/dialog.ts`, ...inDialog('setInterval') });
  });

  test('sourceRoot is joined before resolving against the map URL', () => {
    const json = JSON.parse(mapText);
    const rooted = parseSourceMap(JSON.stringify({ ...json, sourceRoot: 'webpack:///app' }), `${BASE}x.map`)!;
    expect(originalPosition(rooted, 0, bundle.indexOf('setInterval'))?.url).toBe(
      'webpack:///app/src/dialog.ts',
    );
    const relative = parseSourceMap(JSON.stringify({ ...json, sourceRoot: '../orig/' }), `${BASE}x.map`)!;
    expect(originalPosition(relative, 0, bundle.indexOf('setInterval'))?.url).toBe(
      'http://127.0.0.1:8000/orig/src/dialog.ts',
    );
  });

  test('an index map (sections) offsets each part', () => {
    const json = JSON.parse(mapText);
    const index = {
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: json },
        { offset: { line: 2, column: 10 }, map: json },
      ],
    };
    const m = parseSourceMap(JSON.stringify(index), `${BASE}index.map`)!;
    const col = bundle.indexOf('setInterval');
    expect(originalPosition(m, 0, col)).toMatchObject(inDialog('setInterval'));
    expect(originalPosition(m, 2, col + 10)).toMatchObject(inDialog('setInterval'));
    expect(originalPosition(m, 2, 5)).toBeNull(); // before the section's first segment
  });
});

describe('bad maps are refused, never thrown', () => {
  test.each([
    ['not JSON', '{"version":3,'],
    ['wrong version', JSON.stringify({ version: 2, sources: [], mappings: '' })],
    ['no mappings', JSON.stringify({ version: 3, sources: [] })],
    ['a bad base64 digit', JSON.stringify({ version: 3, sources: ['a'], mappings: 'AA!A' })],
    ['a number beyond 32 bits', JSON.stringify({ version: 3, sources: ['a'], mappings: 'gggggggggA' })],
    ['a two-field segment', JSON.stringify({ version: 3, sources: ['a'], mappings: 'AA' })],
    ['a truncated number', JSON.stringify({ version: 3, sources: ['a'], mappings: 'AAAg' })],
    ['a negative line', JSON.stringify({ version: 3, sources: ['a'], mappings: 'AADA' })],
    [
      'sections out of order',
      JSON.stringify({
        version: 3,
        sections: [
          { offset: { line: 3, column: 0 }, map: { version: 3, sources: [], mappings: '' } },
          { offset: { line: 1, column: 0 }, map: { version: 3, sources: [], mappings: '' } },
        ],
      }),
    ],
    ['an array', '[]'],
    ['null', 'null'],
  ])('%s', (_, text) => {
    expect(parseSourceMap(text, `${BASE}bad.map`)).toBeNull();
  });

  test('a map beyond the size cap is not even parsed', () => {
    const huge = `{"version":3,"sources":[],"mappings":"${'A'.repeat(MAX_MAP_CHARS)}"}`;
    expect(parseSourceMap(huge, `${BASE}huge.map`)).toBeNull();
    expect(
      decodeDataUrl(`data:application/json;base64,${'A'.repeat(MAX_MAP_CHARS * 2)}`, MAX_MAP_CHARS),
    ).toBeNull();
  });

  test('a segment pointing at a source or name that does not exist gives no position', () => {
    const m = parseSourceMap(
      JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AKAAK' }),
      BASE,
    )!;
    expect(originalPosition(m, 0, 0)).toBeNull();
    const n = parseSourceMap(
      JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AAAAK' }),
      BASE,
    )!;
    expect(originalPosition(n, 0, 0)).toEqual({ url: `${BASE}a.ts`, line: 0, column: 0, name: null });
  });
});

test('VLQ: relative fields run across lines, the column restarts; unsorted segments are sorted', () => {
  // Line 0: [0, src0, 0, 0]; line 1: [2, src0, 1, 4] (deltas +1 line, +4 col), [1, src0, 1, 0] (col -4).
  const lines = decodeMappings('AAAA;EACI,DAAJ');
  expect([...lines[0]]).toEqual([0, 0, 0, 0, -1]);
  expect([...lines[1]]).toEqual([1, 0, 1, 0, -1, 2, 0, 1, 4, -1]);
});

test('map URLs: relative to the script, data: kept, empty is none', () => {
  expect(resolveMapUrl('bundle.js.map', `${BASE}bundle.js`)).toBe(`${BASE}bundle.js.map`);
  expect(resolveMapUrl('', `${BASE}bundle.js`)).toBeNull();
  expect(resolveMapUrl('data:application/json,{}', `${BASE}a.js`)).toBe('data:application/json,{}');
  expect(decodeDataUrl('data:application/json,%7B%22a%22%3A1%7D', 100)).toBe('{"a":1}');
  expect(decodeDataUrl('data:application/json;base64,%%%', 100)).toBeNull();
  expect(decodeDataUrl('http://x/y.map', 100)).toBeNull();
});
