import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { pageExpression, pageFunction } from '../../../src/live/page-code.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'leakscope-page-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules whose exports include page code (source text run in the page). */
const PAGE_CODE_MODULES = [
  'page-functions.ts',
  'image-page.ts',
  'page-natives.ts',
  'roots/observers.ts',
  'roots/expandos.ts',
  'attr-nodes.ts',
  'arrow-this.ts',
];

// The command line runs from the repository through tsx, which compiles with esbuild's keepNames: a function bound
// to a local name inside a page function becomes `__name(…)`, which the page does not have. Run every page function
// through tsx itself: each module must load (pageFunction refuses `__name`), every page function must compile on
// its own in a fresh realm, and the page state must be created and walk there.
test('page code compiled by tsx, as the command line runs it, loads, compiles alone in a fresh realm, and the page state walks', () => {
  const script = join(dir, 'check.mts');
  const urls = PAGE_CODE_MODULES.map((m) => pathToFileURL(join(ROOT, 'src', 'live', m)).href);
  writeFileSync(
    script,
    `import { runInNewContext } from 'node:vm';
const sources: string[] = [];
for (const url of ${JSON.stringify(urls)}) {
  const mod = await import(url);
  const visit = (v: unknown) => {
    if (typeof v === 'string' && /^(async\\s+)?(function\\b|\\()/.test(v)) sources.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  visit(mod);
}
for (const s of sources) runInNewContext('(' + s + ')');
const { CREATE_STATE, PAGE_FN } = await import(${JSON.stringify(urls[0])});
const S = runInNewContext(CREATE_STATE, {});
const seed = S.addRoots(['g', 'global'], [runInNewContext('({ a: { b: [1, { c: 2 }] } })')], 100);
const level = S.expand([], 100, 1000);
const slice = runInNewContext('(' + PAGE_FN.frontierSlice + ')').call(S, 0, 10);
console.log(JSON.stringify({ functions: sources.length, leaked: /__name/.test(sources.join('')), seed: seed.disc, level: level.disc, slice: slice.length }));
`,
  );
  const r = spawnSync(TSX, [script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out.leaked).toBe(false);
  expect(out.functions).toBeGreaterThan(20);
  expect(out.seed).toBe('-1,8,1;g');
  expect(out.level).toBe('0,0,1;a');
  expect(out.slice).toBe(1);
});

test('pageFunction refuses what the page cannot run: a method, or a helper wrapped in __name', () => {
  const obj = { m() {} };
  expect(() => pageFunction(obj.m)).toThrow(/function expression or an arrow/);
  const wrapped = new Function('return function () { const f = __name(() => 1, "f"); return f(); }')();
  expect(() => pageFunction(wrapped)).toThrow(/__name/);
  expect(pageExpression((a: number) => a + 1, 41)).toBe(
    "(() => { 'use strict'; return ((a) => a + 1)(41); })()",
  );
});
