/**
 * Accidental globals on pages that load real libraries' production builds, through a transport that refuses what an
 * extension may not call: the libraries' exports and markers (React, ReactDOM, __VUE__, __zone_symbol__*,
 * __core-js_shared__, $) are not accidents; the page's own undeclared assignments are, with where they are.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scan } from '../../src/live/index.ts';
import type { ScanResult } from '../../src/live/types.ts';
import { findSuspects } from '../../src/suspects/index.ts';
import type { Suspect } from '../../src/suspects/types.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

async function scanPage(path: string) {
  const page = await openPage(session, `globals/${path}`);
  const t = await guardedTransportFor(page);
  const result: ScanResult = await scan(t);
  const globals = findSuspects(result).filter((s) => s.kind === 'global');
  await page.close();
  expect(t.refused).toEqual([]);
  return { result, globals, calls: t.calls };
}

const aboveInfo = (ss: Suspect[]) => ss.filter((s) => s.severity !== 'info').map((s) => s.title);

describe("libraries' exports and markers are not accidental globals", () => {
  test.each([
    ['react-app.html', ['React', 'ReactDOM']],
    ['vue-app.html', ['__VUE__']],
    ['zone-app.html', ['Zone', '__zone_symbol__Promise']],
    ['core-js.html', ['__core-js_shared__']],
    ['jquery-app.html', ['jQuery', '$', '_', 'Backbone']],
  ])('%s: the library globals (%s) are there, none is a suspect above info', async (path, libraryGlobals) => {
    const { result, globals } = await scanPage(path);
    const assigned = result.globals.filter((g) => g.declaration === 'assigned').map((g) => g.name);
    // They were created by assignment at run time, exactly like an accident: only the source tells them apart.
    expect(assigned).toEqual(expect.arrayContaining(libraryGlobals));
    expect(aboveInfo(globals)).toEqual([]);
    expect(globals.filter((s) => s.title.startsWith('Accidental'))).toEqual([]);
  });
});

describe("the page's own undeclared assignments next to those libraries", () => {
  test('found, with the script URL and line:column of the assignment', async () => {
    const { globals, calls } = await scanPage('sloppy-with-libraries.html');
    // The scripts' text comes from the Debugger's own view of the page (inline ones with their place in the page).
    expect(calls).toContain('Debugger.getScriptSource');
    const accidental = globals.filter((s) => s.title.startsWith('Accidental'));
    expect(accidental.map((s) => [s.title, s.severity])).toEqual([
      ['Accidental global `sentBatch`: assigned in flush() but never declared', 'low'],
      ['Accidental global `lastEvent`: assigned in track() but never declared', 'low'],
    ]);
    const [sent, last] = accidental.map((s) => s.callsite);
    const base = session.server.url('globals/');
    // 1-based, as Sources shows it: analytics.js line 8 `  sentBatch = pending;`; the page's line 16 `    lastEvent = e;`.
    expect(sent).toMatchObject({
      kind: 'assigned',
      url: `${base}analytics.js`,
      line: 8,
      column: 3,
      functionName: 'flush',
    });
    expect(last).toMatchObject({
      kind: 'assigned',
      url: `${base}sloppy-with-libraries.html`,
      line: 16,
      column: 5,
      functionName: 'track',
    });
    // `pending` is declared (var, further down the same file): not an accident. Nor are the libraries' globals.
    expect(aboveInfo(globals).filter((t) => !t.startsWith('Accidental'))).toEqual([]);
  });
});

describe('code that exists only at run time, and a script that does not parse', () => {
  test("eval'd and inserted scripts are analysed; a broken one is named in the notes", async () => {
    const { result, globals } = await scanPage('eval-and-broken.html');
    expect(globals.map((s) => [s.title, s.callsite?.url, s.callsite?.scriptId !== null])).toEqual([
      ['Accidental global `lastTick`: assigned in onTick() but never declared', null, true],
      ['Accidental global `remembered`: assigned in remember() but never declared', null, true],
    ]);
    // `window['made' + 'Up'] = …` is a property set on purpose: assigned at run time, yet no accident.
    expect(result.globals.find((g) => g.name === 'madeUp')).toMatchObject({
      declaration: 'assigned',
      undeclaredAssignment: null,
    });
    expect(result.notes).toContain(
      `Scripts not analysed for accidental globals: ${session.server.url('globals/eval-and-broken.html')} (syntax error: Unexpected token (4:0)). Globals they create are not reported as accidental.`,
    );
  });
});

test('a second scan reuses the analyses by script hash: same suspects, no page script fetched again', async () => {
  const page = await openPage(session, 'globals/sloppy-with-libraries.html');
  const t = await guardedTransportFor(page);
  const withUrl = new Set<string>();
  t.session.on('Debugger.scriptParsed', (p) => {
    if (p.url) withUrl.add(p.scriptId);
  });
  const fetched: string[] = [];
  const send = t.send.bind(t);
  t.send = <T>(method: string, params?: Record<string, unknown>) => {
    if (method === 'Debugger.getScriptSource') fetched.push(String(params?.scriptId));
    return send<T>(method, params);
  };
  const accidental = async () =>
    findSuspects(await scan(t))
      .filter((s) => s.title.startsWith('Accidental'))
      .map((s) => [s.title, s.callsite]);
  const first = await accidental();
  expect(first).toHaveLength(2);
  fetched.length = 0;
  expect(await accidental()).toEqual(first);
  // The page's scripts (those with a URL) are known by their hash; only the scan's own evaluated snippets are new.
  expect(withUrl.size).toBeGreaterThanOrEqual(8);
  expect(fetched.filter((id) => withUrl.has(id))).toEqual([]);
  await page.close();
});
