import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { CdpTransport } from '../../../src/cdp/transport.ts';
import { CallsiteMaps } from '../../../src/sourcemap/index.ts';

// Pure logic with a fake session: which scripts have maps, how often they are listed and loaded.
const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pages', 'sourcemap');
const mapText = readFileSync(join(DIR, 'bundle.js.map'), 'utf8');
const bundle = readFileSync(join(DIR, 'bundle.js'), 'utf8');
const BASE = 'http://site.test/app/';
const col = bundle.indexOf('addEventListener') + 1; // 1-based, as the hook's stacks give it

function fakeSession(scripts: { url: string; sourceMapURL: string }[], attached = true) {
  const calls: string[] = [];
  let listener: ((method: string, params: unknown) => void) | null = null;
  const session = {
    onEvent(l: (method: string, params: unknown) => void) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    async send(method: string) {
      calls.push(method);
      if (method === 'Debugger.enable')
        for (const [i, s] of scripts.entries())
          listener?.('Debugger.scriptParsed', { scriptId: String(i), ...s });
      return {};
    },
  };
  return { session: session as CdpTransport, usable: () => attached, calls };
}

test('a file map is listed and loaded once for many callsites, then positions map to the original', async () => {
  const { session, calls } = fakeSession([
    { url: `${BASE}bundle.js`, sourceMapURL: 'bundle.js.map' },
    { url: `${BASE}plain.js`, sourceMapURL: '' },
  ]);
  const loads: string[] = [];
  const maps = new CallsiteMaps(
    session,
    () => true,
    async (url) => {
      loads.push(url);
      return mapText;
    },
  );
  const cs = {
    kind: 'registered' as const,
    scriptId: null,
    url: `${BASE}bundle.js`,
    line: 1,
    column: col,
    functionName: 'f',
  };
  const all = await Promise.all([maps.resolve(cs), maps.resolve(cs), maps.resolve({ ...cs, column: 1 })]);
  expect(all[0].original).toEqual({
    url: `${BASE}src/dialog.ts`,
    line: 7,
    column: 10,
  });
  expect(loads).toEqual([`${BASE}bundle.js.map`]);
  expect(calls.filter((c) => c === 'Debugger.enable')).toHaveLength(1);
  // A script without a map and an unknown URL keep the generated position, without listing again at once.
  expect((await maps.resolve({ ...cs, url: `${BASE}plain.js` })).original).toBeNull();
  expect((await maps.resolve({ ...cs, url: `${BASE}eval.js` })).original).toBeNull();
  expect(calls.filter((c) => c === 'Debugger.enable')).toHaveLength(1);
});

test('a map that fails to load or parse is remembered as absent; nothing throws', async () => {
  const { session } = fakeSession([
    { url: `${BASE}a.js`, sourceMapURL: 'a.js.map' },
    { url: `${BASE}b.js`, sourceMapURL: 'b.js.map' },
  ]);
  let loads = 0;
  const maps = new CallsiteMaps(
    session,
    () => true,
    async (url) => {
      loads++;
      if (url.endsWith('a.js.map')) throw new Error('network');
      return '{"version":3,"sources":["x"],"mappings":"!!"}';
    },
  );
  for (let i = 0; i < 2; i++) {
    expect(
      (
        await maps.resolve({
          kind: 'registered' as const,
          scriptId: null,
          url: `${BASE}a.js`,
          line: 1,
          column: 1,
          functionName: '',
        })
      ).original,
    ).toBeNull();
    expect(
      (
        await maps.resolve({
          kind: 'registered' as const,
          scriptId: null,
          url: `${BASE}b.js`,
          line: 1,
          column: 1,
          functionName: '',
        })
      ).original,
    ).toBeNull();
  }
  expect(loads).toBe(2);
});

test('without an attached debugger nothing is listed (resolving never attaches); reset forgets the document', async () => {
  const detached = fakeSession([{ url: `${BASE}bundle.js`, sourceMapURL: 'bundle.js.map' }], false);
  const m1 = new CallsiteMaps(detached.session, detached.usable, async () => mapText);
  expect(
    (
      await m1.resolve({
        kind: 'registered' as const,
        scriptId: null,
        url: `${BASE}bundle.js`,
        line: 1,
        column: col,
        functionName: '',
      })
    ).original,
  ).toBeNull();
  expect(detached.calls).toEqual([]);

  const { session } = fakeSession([]);
  const loads: string[] = [];
  const m2 = new CallsiteMaps(
    session,
    () => true,
    async (url) => {
      loads.push(url);
      return mapText;
    },
  );
  m2.learn([{ scriptId: '1', url: `${BASE}bundle.js`, sourceMapURL: 'bundle.js.map' }]);
  const cs = {
    kind: 'registered' as const,
    scriptId: null,
    url: `${BASE}bundle.js`,
    line: 1,
    column: col,
    functionName: '',
  };
  expect((await m2.resolve(cs)).original?.line).toBe(7);
  m2.reset();
  m2.learn([{ scriptId: '1', url: `${BASE}bundle.js`, sourceMapURL: 'bundle.js.map' }]);
  await m2.resolve(cs);
  expect(loads).toHaveLength(2);
});
