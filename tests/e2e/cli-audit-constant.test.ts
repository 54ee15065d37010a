/**
 * `leakscope audit` on a page that detaches one small tree once, on purpose, and never again: the tree is reported
 * (as info, saying it did not grow) and does not fail `--fail-on low` (it used to be a medium listener suspect).
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';
import { edgeText } from '../../src/chain.ts';
import { parseReport } from '../../src/report/index.ts';
import { ROOT } from './harness.ts';

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'leakscope.mjs'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await serveFixtures();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-audit-constant-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a banner detached once and constant across the scans: reported as info, exit 0 with --fail-on low', async () => {
  const json = join(dir, 'once.json');
  const run = await runCli([
    'audit',
    server.url('audit/once-detached.html'),
    '--iterations',
    '5',
    '--json',
    json,
    '--fail-on',
    'low',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const parsed = parseReport(readFileSync(json, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const { report } = parsed;
  expect(report.audit!.iterations.map((i) => i.detachedTrees)).toEqual([1, 1, 1, 1, 1, 1]);
  const banner = report.suspects.filter((s) => /<div class="banner">/.test(s.title));
  expect(banner).toHaveLength(1);
  expect(banner[0]).toMatchObject({ kind: 'listener', severity: 'info' });
  expect(banner[0].detail).toMatch(/the same tree in each of the last 4 scans: not growing/);
  expect(banner[0].chain?.map(edgeText)).toEqual(["'resize' listener", 'closure variable banner']);
});
