/**
 * Leakscope as an npm package, used the way another project uses it: `npm pack` here, the tarball installed into a
 * fresh project outside the repository, then its command line, its API from puppeteer and from Playwright scripts,
 * its TypeScript types, and `expectNoLeaks` inside that project's own vitest run — against the dialog fixtures.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChrome } from '../../cli/chrome.ts';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';
import { readReport, runProcess as run } from './cli-run.ts';
import { ROOT } from './harness.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const versionOf = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;

let server: FixtureServer;
let work: string;
let app: string;
const chrome = findChrome();
const env = { CHROME_PATH: chrome };

beforeAll(async () => {
  server = await serveFixtures();
  work = mkdtempSync(join(tmpdir(), 'leakscope-pack-'));
  // What prepack does, minus the extension build: npm test built dist/ already, and rebuilding it here would pull the
  // extension from under the e2e files that run beside this one.
  const lib = await run(process.execPath, [join(ROOT, 'scripts', 'build-lib.mjs')], ROOT);
  if (lib.code !== 0) throw new Error(`build-lib failed: ${lib.stdout}${lib.stderr}`);
  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball: ${packed.stdout}`);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'an-app', version: '1.0.0', private: true, type: 'module' }),
  );
  // The registry only (or npm's cache): the same test-tool versions this repository uses.
  const installed = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      join(work, tarball),
      `vitest@${versionOf('vitest')}`,
      `playwright-core@${versionOf('playwright-core')}`,
    ],
    app,
  );
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed: ${installed.stderr}`);
  // The dialog fixtures' scenario, as a project would keep its own.
  copyFileSync(join(ROOT, 'tests', 'fixtures', 'scenarios', 'dialog.mjs'), join(app, 'dialog.mjs'));
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package, installed in another project', () => {
  test('ships compiled JavaScript, the built hook and types, no TypeScript sources; one version with the manifest', () => {
    const root = join(app, 'node_modules', 'leakscope');
    const installedPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(installedPkg.version).toBe(pkg.version);
    expect(JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version).toBe(pkg.version);
    const files = readdirSync(root, { recursive: true }).map(String);
    expect(files).toContain(join('lib', 'cli', 'index.js'));
    expect(files).toContain(join('lib', 'cli', 'index.d.ts'));
    expect(files).toContain(join('dist', 'content-script', 'hook.js'));
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    // Runtime dependencies are installed with it; the build tools are not.
    expect(readdirSync(join(app, 'node_modules'))).toContain('puppeteer-core');
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('tsx');
  });

  test('npx leakscope --version and an audit with --json: exit 1 at medium on the leaky dialog, the chain and the script URL', async () => {
    const version = await run('npx', ['--no-install', 'leakscope', '--version'], app);
    expect(version.stdout.trim()).toBe(pkg.version);
    const out = join(app, 'leaky.json');
    const audit = await run(
      'npx',
      [
        '--no-install',
        'leakscope',
        'audit',
        server.url('audit/leaky-dialog.html'),
        '--scenario',
        'dialog.mjs',
        '--iterations',
        '3',
        '--json',
        out,
        '--fail-on',
        'medium',
        '--quiet',
      ],
      app,
      env,
    );
    expect(audit.code, audit.stderr).toBe(1);
    const report = readReport(out);
    expect(report.tool.version).toBe(pkg.version);
    const first = report.suspects[0];
    expect(first.title).toMatch(/'resize' listener on window keeps a removed <section/);
    expect(first.growth?.values).toEqual([0, 1, 2, 3]);
    // The callsite carries the script's URL (the scan knows it by scriptId; the measurer fills it in).
    expect(first.callsite?.url).toBe(server.url('audit/leaky-dialog.html'));
    expect(first.callsite?.functionName).toBe('onResize');
    expect(report.notes.join(' ')).not.toContain('hook is not in this page');
  });

  test('the API from a puppeteer script: audit(page) finds the leak, leaves the page without the hook; scan + findSuspects on the clean page', async () => {
    writeFileSync(
      join(app, 'with-puppeteer.mjs'),
      `import puppeteer from 'puppeteer-core';
import { audit, scan, findSuspects } from 'leakscope';
import * as dialog from './dialog.mjs';
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH, args: ['--no-sandbox', '--headless=new'] });
try {
  const page = await browser.newPage();
  await page.goto(process.argv[2]);
  const report = await audit(page, { iterations: 3, action: dialog.action, back: dialog.back });
  await page.goto(process.argv[3]);
  const after = await scan(page);
  // The scan says so when the page hook is not in the page: the audit's hook went with its CDP session.
  const hookLeft = !after.notes.some((n) => n.includes('hook is not in this page'));
  const clean = findSuspects(after).filter((s) => s.severity !== 'info');
  console.log(JSON.stringify({ suspects: report.suspects.map((s) => [s.severity, s.title]), notes: report.notes, hookLeft, clean: clean.length }));
} finally {
  await browser.close();
}
`,
    );
    const r = await run(
      'node',
      ['with-puppeteer.mjs', server.url('audit/leaky-dialog.html'), server.url('audit/clean-dialog.html')],
      app,
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.suspects[0]).toEqual([
      'medium',
      expect.stringMatching(/'resize' listener on window keeps a removed <section/),
    ]);
    expect(out.notes.join(' ')).not.toContain('hook is not in this page');
    expect(out.hookLeft).toBe(false);
    expect(out.clean).toBe(0);
  });

  test('the API from a Playwright script (playwright-core, system Chromium): the leaky dialog, and a scenario file on a router whose interval (a hook root) keeps each visited view', async () => {
    writeFileSync(
      join(app, 'with-playwright.mjs'),
      `import { chromium } from 'playwright-core';
import { audit } from 'leakscope';
import * as dialog from './dialog.mjs';
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const report = await audit(page, { url: process.argv[2], iterations: 3, action: dialog.action, back: dialog.back });
  const timers = await audit(page, { url: process.argv[3], scenario: process.argv[4], iterations: 3 });
  console.log(JSON.stringify({
    suspects: report.suspects.map((s) => [s.severity, s.title]),
    growth: report.suspects[0].growth,
    timer: [timers.suspects[0].severity, timers.suspects[0].title, timers.suspects[0].growth.values],
    notes: [...report.notes, ...timers.notes],
  }));
} finally {
  await browser.close();
}
`,
    );
    const r = await run(
      'node',
      [
        'with-playwright.mjs',
        server.url('audit/leaky-dialog.html'),
        server.url('audit-router/timers.html'),
        join(ROOT, 'tests', 'fixtures', 'scenarios', 'router-visit.mjs'),
      ],
      app,
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.suspects[0]).toEqual([
      'medium',
      expect.stringMatching(/'resize' listener on window keeps a removed <section/),
    ]);
    expect(out.growth.values).toEqual([0, 1, 2, 3]);
    // Playwright's selector engine keeps wrappers of the attributes it read (Attr nodes of the removed dialogs):
    // they belong to the dialogs' trees, not a detached "<class>" element of their own.
    expect(out.suspects.map(([severity]: string[]) => severity)).toEqual(['medium', 'low']);
    expect(JSON.stringify(out.suspects)).not.toContain('<class>');
    // Timers are roots only through the page hook: this chain needs it in the page from the first script on.
    expect(out.timer).toEqual([
      'medium',
      expect.stringMatching(/^A live setInterval #\d+ \(60000 ms\) callback keeps a removed <section>/),
      [0, 1, 2, 3],
    ]);
    expect(out.notes.join(' ')).not.toContain('hook is not in this page');
  });

  test("the package's types check a consumer's TypeScript that passes puppeteer and Playwright pages", async () => {
    writeFileSync(
      join(app, 'typed.ts'),
      `import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { audit, expectNoLeaks, type Report, type Severity } from 'leakscope';
export async function both(a: PuppeteerPage, b: PlaywrightPage): Promise<Report[]> {
  const failOn: Severity = 'medium';
  await expectNoLeaks(b, { action: async (p) => p.click('#open'), failOn });
  return [await audit(a, { iterations: 2 }), await audit('http://localhost/', { headful: false })];
}
// @ts-expect-error: not a page
audit(42);
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['typed.ts'],
      }),
    );
    const r = await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], app);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test("expectNoLeaks in the other project's vitest run: rejects on the leaky dialog with the chain in its message, passes on the clean one", async () => {
    writeFileSync(
      join(app, 'leaks.test.mjs'),
      `import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoLeaks } from 'leakscope';
import * as dialog from './dialog.mjs';
let browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH, args: ['--no-sandbox', '--headless=new'] });
});
afterAll(() => browser?.close());
const options = { iterations: 3, action: dialog.action, back: dialog.back, failOn: 'medium' };
test('the clean dialog does not leak', async () => {
  const page = await browser.newPage();
  await page.goto(process.env.CLEAN_URL);
  const report = await expectNoLeaks(page, options);
  expect(report.audit.iterations).toHaveLength(4);
}, 60000);
test('the leaky dialog is reported with its chain', async () => {
  const page = await browser.newPage();
  await page.goto(process.env.LEAKY_URL);
  const error = await expectNoLeaks(page, options).catch((e) => e);
  expect(error.name).toBe('LeakAssertionError');
  writeFileSync('leak-message.txt', error.message);
}, 60000);
`,
    );
    const r = await run(
      'npx',
      ['--no-install', 'vitest', 'run', 'leaks.test.mjs', '--reporter=json', '--outputFile=vitest.json'],
      app,
      {
        ...env,
        CLEAN_URL: server.url('audit/clean-dialog.html'),
        LEAKY_URL: server.url('audit/leaky-dialog.html'),
      },
    );
    const result = JSON.parse(readFileSync(join(app, 'vitest.json'), 'utf8'));
    expect([result.numPassedTests, result.numFailedTests], r.stdout + r.stderr).toEqual([2, 0]);
    const message = readFileSync(join(app, 'leak-message.txt'), 'utf8');
    expect(message).toContain('Leakscope found 1 leak suspect at medium or above');
    expect(message).toMatch(
      /kept alive by: window → 'resize' listener → onResize\(\) → closure variable dlg/,
    );
    expect(message).toContain(`defined at ${server.url('audit/leaky-dialog.html')}:`);
    expect(message).toContain('fix: Remove the listener');
  });
});
