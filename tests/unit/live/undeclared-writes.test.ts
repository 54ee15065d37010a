import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MAX_SCRIPT_CHARS, undeclaredWrites } from '../../../src/live/undeclared-writes.ts';

/** The names `source` assigns undeclared, or the reason it was not analysed. */
function names(source: string, opts: { module?: boolean } = {}): string[] | string {
  const r = undeclaredWrites(source, opts);
  return r.analysed ? r.writes.map((w) => w.name) : `not analysed: ${r.reason}`;
}

describe('assignments to undeclared identifiers (accidental globals)', () => {
  test('inside a function, with where and in which function', () => {
    const r = undeclaredWrites('// tracking\nfunction track(e) {\n  lastEvent = e;\n}\n');
    expect(r).toEqual({
      analysed: true,
      writes: [{ name: 'lastEvent', line: 3, column: 2, functionName: 'track' }],
    });
  });
  test('destructuring assignment, for-in with an undeclared key, ++ and compound assignment', () => {
    expect(names('[a, b] = [1, 2]; ({ k: c, ...rest } = {});')).toEqual(['a', 'b', 'c', 'rest']);
    expect(names('function f(o) { for (k in o) {} for (v of o) {} }')).toEqual(['k', 'v']);
    expect(names('function tick() { count++; total += 2; }')).toEqual(['count', 'total']);
  });
  test('a strict function next to sloppy code: only the sloppy write counts', () => {
    expect(names('function g() { "use strict"; q = 1 } function h() { r = 2 }')).toEqual(['r']);
  });
  test('a local next to a direct eval is still a local', () => {
    expect(names('function h() { var loc; eval("1"); loc = 2; glob = 3 }')).toEqual(['glob']);
  });
});

describe('what is not an accidental global', () => {
  test('var, let, const, class and function declarations, parameters, catch parameters', () => {
    expect(
      names(
        'var a; let b; const c = 0; class D {} function e() {}\n' +
          'a = 1; b = 2; e = 3; D = 4;\n' +
          'function f(p, { q }, ...r) { p = 1; q = 2; r = 3; try { x() } catch (err) { err = 4 } }\n' +
          'for (var i in {}) {} for (let j of []) { j = 1 }',
      ),
    ).toEqual([]);
  });
  test("a UMD wrapper's export: e.React = … is a property of the global object", () => {
    expect(
      names(
        '!function(e,t){"object"==typeof exports?t(exports):(e="undefined"!=typeof globalThis?globalThis:e||self,t(e.React={}))}(this,function(e){e.version="18"});',
      ),
    ).toEqual([]);
  });
  test('this.x at the top level, window.x, globalThis.x, Object.defineProperty(window, …)', () => {
    expect(
      names(
        'this.x = 1; window.y = 2; globalThis.z = 3; self["w"] = 4; Object.defineProperty(window, "v", {});',
      ),
    ).toEqual([]);
  });
  test('"use strict" scripts and modules (they throw instead of creating a global)', () => {
    expect(names('"use strict"; q = 1; function f() { r = 2 }')).toEqual([]);
    expect(names('q = 1', { module: true })).toEqual([]);
    expect(names('class A { m() { inClassBody = 1 } }')).toEqual([]);
  });
  test('an ES module read without its type is a module, not a syntax error', () => {
    expect(names('import { x } from "./x.js"; y = x;')).toEqual([]);
  });
  test('reads: typeof undeclared, a bare reference, a call', () => {
    expect(names('typeof undeclared; maybe; run(); if (flag) {}')).toEqual([]);
  });
  test('inside with(): the name may be a property of the object', () => {
    expect(names('with (o) { w = 1 }')).toEqual([]);
  });
});

describe('hostile, broken and huge input: never throws, stays bounded', () => {
  test('a syntax error: not analysed, with the reason', () => {
    expect(names('function (')).toMatch(/^not analysed: syntax error: Unexpected token/);
    expect(names('x = `unterminated')).toMatch(/^not analysed: syntax error/);
  });
  test('nesting deep enough to overflow a recursive parser', () => {
    const deep = `${'('.repeat(200_000)}1${')'.repeat(200_000)}`;
    expect(names(deep)).toMatch(/^not analysed/);
    const arrays = `x = ${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(names(arrays)).toMatch(/^not analysed/);
  });
  test('a script larger than the limit is not parsed at all', () => {
    const huge = `a = 1;${' '.repeat(MAX_SCRIPT_CHARS)}`;
    expect(names(huge)).toBe('not analysed: larger than 4 MB');
  });
  test('odd but valid source: a hashbang, unicode escapes in names, getters named like globals', () => {
    expect(names('#!/usr/bin/env node\n\\u0061bc = 1; ({ get lastEvent() { return 1 } });')).toEqual(['abc']);
  });
});

describe('the vendored libraries assign no undeclared global', () => {
  const vendor = 'tests/fixtures/pages/vendor';
  test.each([
    'react@18.3.1/umd/react.production.min.js',
    'react-dom@18.3.1/umd/react-dom.production.min.js',
    'vue@3.5.45/dist/vue.global.prod.js',
    'zone.js@0.16.3/bundles/zone.umd.min.js',
    'jquery@3.7.1/dist/jquery.min.js',
    'core-js-bundle@3.50.0/minified.js',
    'underscore@1.13.8/underscore-umd-min.js',
    'backbone@1.6.1/backbone-min.js',
  ])('%s', (file) => {
    expect(names(readFileSync(`${vendor}/${file}`, 'utf8'))).toEqual([]);
  });
});
