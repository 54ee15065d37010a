/**
 * `leakscope audit` on a browser it did not start (a Chromium started with --remote-debugging-port stands in for a
 * grid or browserless), and over many pages with `--urls` (a list, a sitemap) and `--concurrency 2`: one combined
 * report, each page's findings, the pages that failed. Real processes, real Chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseChromeArgs, findChrome } from '../../cli/chrome.ts';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';
import type { ReportSet } from '../../src/report/set.ts';
import { readReport, runCli } from './cli-run.ts';
import { ROOT } from './harness.ts';

const SCENARIO = join(ROOT, 'tests', 'fixtures', 'scenarios', 'dialog.mjs');

let server: FixtureServer;
let dir: string;
let chromium: ChildProcess;
let http: string;
let ws: string;

async function until<T>(what: string, f: () => T | null | Promise<T | null>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await f();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const json = async (path: string) => (await fetch(`${http}${path}`)).json();

beforeAll(async () => {
  server = await serveFixtures();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-remote-'));
  const profile = join(dir, 'profile');
  chromium = spawn(findChrome(), [...baseChromeArgs(profile), '--headless=new', 'about:blank'], {
    stdio: 'ignore',
  });
  // Chromium writes the port it chose and the browser's WebSocket path here once it listens.
  const [port, path] = await until('DevToolsActivePort', () => {
    const file = join(profile, 'DevToolsActivePort');
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
    return lines.length === 2 ? lines : null;
  });
  http = `http://127.0.0.1:${port}`;
  ws = `ws://127.0.0.1:${port}${path}`;
});

afterAll(async () => {
  // Chromium writes its profile until it exits: remove the folder only after that.
  if (chromium && chromium.exitCode === null) {
    const exited = once(chromium, 'exit');
    chromium.kill();
    await exited;
  }
  await server?.close();
  // Chromium's helper processes may still write into the profile a moment after the browser exits: retry.
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

const pages = async () =>
  ((await json('/json/list')) as { type: string; url: string }[]).filter((t) => t.type === 'page');

describe('leakscope audit on a running browser and on many pages', () => {
  test('--browser-ws-endpoint: audits in a new tab of that browser, closes only that tab, leaves the browser running', async () => {
    const before = await pages();
    const out = join(dir, 'remote.json');
    const run = await runCli([
      'audit',
      server.url('audit/leaky-dialog.html'),
      '--scenario',
      SCENARIO,
      '--iterations',
      '3',
      '--browser-ws-endpoint',
      ws,
      '--json',
      out,
      '--fail-on',
      'medium',
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`Connecting to ${ws}`);
    const report = readReport(out);
    expect(report.suspects[0].title).toMatch(/'resize' listener on window keeps a removed <section/);
    expect(report.suspects[0].growth?.values).toEqual([0, 1, 2, 3]);
    // The same browser answered, and it is still there with the tabs it had.
    const version = (await json('/json/version')) as { Browser: string };
    expect(report.browser).toBe(version.Browser);
    expect((await pages()).map((p) => p.url)).toEqual(before.map((p) => p.url));
    // An address that answers nothing is a browser error (exit 2) with a message, not a hang.
    const nothing = await runCli([
      'audit',
      server.url('clean.html'),
      '--browser-ws-endpoint',
      'http://127.0.0.1:9',
    ]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Cannot connect to the browser at http://127.0.0.1:9');
  });

  test('--urls list.txt --concurrency 2: both pages audited at once, one combined report in the list’s order, exit 1 for the leak', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(
      list,
      `# the settings dialogs\n${server.url('audit/leaky-dialog.html')}\n\n${server.url('audit/clean-dialog.html')}\n`,
    );
    const out = (ext: string) => join(dir, `set.${ext}`);
    const run = await runCli([
      'audit',
      '--urls',
      list,
      '--concurrency',
      '2',
      '--browser-ws-endpoint',
      ws,
      '--scenario',
      SCENARIO,
      '--iterations',
      '3',
      '--json',
      out('json'),
      '--html',
      out('html'),
      '--md',
      out('md'),
      '--fail-on',
      'medium',
    ]);
    expect(run.code, run.stderr).toBe(1);
    // Two at a time: the second page started before the first finished.
    const log = run.stderr.split('\n');
    const secondStarts = log.findIndex((l) => l.startsWith('[2/2] Connecting'));
    const firstAnalyses = log.findIndex((l) => l.startsWith('[1/2] Analysing'));
    expect(secondStarts).toBeGreaterThan(-1);
    expect(secondStarts).toBeLessThan(firstAnalyses);
    const set = JSON.parse(readFileSync(out('json'), 'utf8')) as ReportSet;
    expect(set.kind).toBe('leakscope-report-set');
    expect(set.reports.map((r) => r.page.url)).toEqual([
      server.url('audit/leaky-dialog.html'),
      server.url('audit/clean-dialog.html'),
    ]);
    expect(set.reports[0].suspects[0].title).toMatch(/'resize' listener on window/);
    expect(set.reports[1].suspects).toEqual([]);
    expect(set.failures).toEqual([]);
    expect(run.stdout).toContain('Gate (--fail-on medium) fails: 1 new suspect at medium or above.');
    const html = readFileSync(out('html'), 'utf8');
    expect(html).toContain('Leakscope report: 2 pages');
    expect(html).toContain('href="#page-2"');
    expect(readFileSync(out('md'), 'utf8')).toContain('## Leakscope: 2 pages audited');

    // The same run again with that report as the baseline: each page against its own, nothing new.
    const again = await runCli([
      'audit',
      '--urls',
      list,
      '--concurrency',
      '2',
      '--scenario',
      SCENARIO,
      '--iterations',
      '3',
      '--baseline',
      out('json'),
      '--fail-on',
      'medium',
      '-q',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('passes: no new suspect at medium or above (1 known from the baseline)');
  });

  test('--urls sitemap.xml with a page that cannot load: the others are reported, the failure listed, exit 2', async () => {
    const sitemap = join(dir, 'sitemap.xml');
    writeFileSync(
      sitemap,
      `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>${server.url('audit/clean-dialog.html')}?from=sitemap&amp;x=1</loc></url>
  <url><loc>http://127.0.0.1:9/gone.html</loc></url>
</urlset>`,
    );
    const out = join(dir, 'sitemap.json');
    const run = await runCli([
      'audit',
      '--urls',
      sitemap,
      '--browser-ws-endpoint',
      ws,
      '--iterations',
      '1',
      '--settle',
      '0',
      '--json',
      out,
      '-q',
    ]);
    expect(run.code).toBe(2);
    const set = JSON.parse(readFileSync(out, 'utf8')) as ReportSet;
    expect(set.reports.map((r) => r.page.url)).toEqual([
      `${server.url('audit/clean-dialog.html')}?from=sitemap&x=1`,
    ]);
    expect(set.failures.map((f) => f.url)).toEqual(['http://127.0.0.1:9/gone.html']);
    expect(set.failures[0].message).toMatch(/ERR_CONNECTION_REFUSED|net::/);
    expect(run.stdout).toContain('Not audited: http://127.0.0.1:9/gone.html');
    // A list with something that is not a URL is a usage error before any page is opened.
    writeFileSync(join(dir, 'bad.txt'), 'javascript:alert(1)\n');
    const bad = await runCli(['audit', '--urls', join(dir, 'bad.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('every URL must start with http:, https: or file:');
  });
});
