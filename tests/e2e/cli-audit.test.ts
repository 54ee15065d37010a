/**
 * `leakscope audit` as a user runs it: a real process, real Chromium, the leaky and the clean dialog fixtures with
 * the dialog scenario. Then the HTML export is opened in Chromium to check it shows the chains and runs nothing.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';
import { edgeText } from '../../src/chain.ts';
import { type Report, toHtml } from '../../src/report/index.ts';
import { type Run, readReport, runCli } from './cli-run.ts';
import { launch, ROOT, type Session } from './harness.ts';

const SCENARIO = join(ROOT, 'tests', 'fixtures', 'scenarios', 'dialog.mjs');

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await serveFixtures();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-audit-test-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('leakscope audit', () => {
  let leaky: Run;
  let report: Report;

  test('the leaky dialog: +1 resize listener and +1 detached tree per iteration, that suspect first, exit 1 at medium', async () => {
    const out = (ext: string) => join(dir, `leaky.${ext}`);
    leaky = await runCli([
      'audit',
      server.url('audit/leaky-dialog.html'),
      '--scenario',
      SCENARIO,
      '--iterations',
      '5',
      '--json',
      out('json'),
      '--html',
      out('html'),
      '--md',
      out('md'),
      '--fail-on',
      'medium',
    ]);
    expect(leaky.code, leaky.stderr).toBe(1);
    expect(leaky.ms).toBeLessThan(30_000);
    report = readReport(out('json'));
    const a = report.audit!;
    expect(a.iterations.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a.iterations.map((i) => i.detachedTrees)).toEqual([0, 1, 2, 3, 4, 5]);
    const resize = a.iterations.map((i) => i.listenersByType.find((l) => l.name === 'resize')?.value ?? 0);
    expect(resize).toEqual([0, 1, 2, 3, 4, 5]);
    // Chrome's own counter agrees: 2 listeners (resize + the close button's click) per opening.
    const chromeListeners = a.iterations.map(
      (i) => i.counters.find((c) => c.name === 'JSEventListeners')!.value,
    );
    expect(chromeListeners.slice(1).map((v, i) => v - chromeListeners[i])).toEqual([2, 2, 2, 2, 2]);

    const first = a.growth[0];
    expect(first).toMatchObject({ kind: 'suspect', steady: true, perIteration: 1, severity: 'medium' });
    expect(first.values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(first.label).toMatch(/'resize' listener/);
    expect(a.growth.find((g) => g.key === 'detachedTrees')).toMatchObject({ steady: true, perIteration: 1 });
    expect(a.growth.find((g) => g.key === 'listeners:resize')).toMatchObject({
      steady: true,
      perIteration: 1,
    });

    const suspect = report.suspects[0];
    expect(suspect).toMatchObject({ severity: 'medium', count: 5 });
    expect(suspect.chain?.map(edgeText)).toEqual(["'resize' listener", 'closure variable dlg']);
    expect(suspect.chain?.at(-1)?.object).toMatch(/^<section class="dialog"/);
    expect(suspect.callsite?.functionName).toBe('onResize');

    // The heap diff of the real snapshots: 5 detached dialogs of 47 nodes, each reached through a `dlg` closure.
    const trees = report.heap!.detachedTrees.filter((t) => t.root === 'Detached <section>');
    expect(trees).toHaveLength(5);
    for (const t of trees) {
      expect(t.nodeCount).toBe(47);
      expect(t.chain.at(-1)).toMatchObject({ edge: 'dlg', object: 'Detached <section>' });
    }
    expect(report.heap!.diff?.snapshots).toBe(3);
    expect(report.heap!.diff?.groups.some((g) => g.className.startsWith('Detached <'))).toBe(true);

    expect(leaky.stdout).toMatch(
      /^Leakscope audit of http:\/\/127\.0\.0\.1:\d+\/audit\/leaky-dialog\.html: 5 iterations/,
    );
    expect(leaky.stdout).toContain(
      "window → 'resize' listener → onResize() → closure variable dlg → <section",
    );
    expect(leaky.stdout).not.toContain('Iteration 1/5'); // progress goes to stderr only
    expect(leaky.stderr).toContain('Iteration 5/5');

    const md = readFileSync(out('md'), 'utf8');
    expect(md).toContain("`window → 'resize' listener → onResize() → closure variable dlg → <section");
    const names = report.audit!.timings.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['browser start', 'scans', 'snapshots', 'analysis', 'total']),
    );
    process.stderr.write(
      `audit timings: ${JSON.stringify(report.audit!.timings)} (process ${Math.round(leaky.ms)} ms)\n`,
    );
  });

  test('the clean dialog: nothing grows, no suspects, exit 0 at medium', async () => {
    const run = await runCli([
      'audit',
      server.url('audit/clean-dialog.html'),
      '--scenario',
      SCENARIO,
      '--json',
      join(dir, 'clean.json'),
      '--fail-on',
      'medium',
      '-q',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const clean = readReport(join(dir, 'clean.json'));
    expect(clean.suspects).toEqual([]);
    expect(clean.audit!.iterations.map((i) => i.detachedTrees)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(clean.audit!.growth.filter((g) => g.steady && g.kind !== 'counter')).toEqual([]);
  });

  test('a cache that grows by one entry per search: the growth rule sees the earlier scans (steady, medium)', async () => {
    const run = await runCli([
      'audit',
      server.url('leaks/map-cache-growth.html'),
      '--scenario',
      join(ROOT, 'tests', 'fixtures', 'scenarios', 'search.mjs'),
      '--iterations',
      '3',
      '--json',
      join(dir, 'growth.json'),
      '-q',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const growth = readReport(join(dir, 'growth.json')).suspects.filter(
      (s) => s.kind === 'collection-growth',
    );
    expect(growth.map((s) => s.title)).toEqual([
      expect.stringMatching(
        /^`script responseCache` \(Map\) grew from 1 to 4 entries over 4 scans \(every time, \+1 per scan\)/,
      ),
    ]);
    expect(growth[0].severity).toBe('medium');
  });

  test('CI gating: with the last run as --baseline the same leak passes, with the clean page’s report it is new and fails; --ignore by script URL passes', async () => {
    const gateRun = (extra: string[], page = 'audit/leaky-dialog.html') =>
      runCli([
        'audit',
        server.url(page),
        '--scenario',
        SCENARIO,
        '--iterations',
        '3',
        '--fail-on',
        'medium',
        '-q',
        ...extra,
      ]);
    const known = await gateRun(['--baseline', join(dir, 'leaky.json')]);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).toContain(
      'Gate (--fail-on medium) passes: no new suspect at medium or above (1 known from the baseline).',
    );
    // The clean dialog's report as the baseline: the leak is new, so the gate fails and says so.
    const fresh = await gateRun(['--baseline', join(dir, 'clean.json')]);
    expect(fresh.code, fresh.stderr).toBe(1);
    expect(fresh.stdout).toContain('Gate (--fail-on medium) fails: 1 new suspect at medium or above.');
    const ignored = await gateRun(['--ignore', '*/audit/leaky-dialog.html']);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stdout).toMatch(/passes: no new suspect at medium or above \(\d+ ignored\)/);
    // A baseline that is not a report is an input error, before any browser starts.
    writeFileSync(join(dir, 'not-a-report.json'), '{"kind":"something else"}');
    const bad = await gateRun(['--baseline', join(dir, 'not-a-report.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not-a-report\.json is not a Leakscope report/);
  });

  test('a MemLab scenario (CommonJS, url(), cookies(), beforeInitialPage, repeat(), leakFilter): the page from url(), the cookie set before load, 1 + repeat() iterations, the diff leaks chosen by the filter', async () => {
    const scenario = join(dir, 'memlab-dialog.cjs');
    const marks = join(dir, 'memlab-marks.txt');
    writeFileSync(
      scenario,
      `const fs = require('node:fs');
module.exports = {
  url: () => ${JSON.stringify(server.url('audit/leaky-dialog.html'))},
  cookies: () => [{ name: 'session', value: 'memlab-1' }],
  beforeInitialPage: async () => fs.appendFileSync(${JSON.stringify(marks)}, 'before;'),
  setup: async (page) => fs.appendFileSync(${JSON.stringify(marks)}, 'setup:' + (await page.evaluate(() => document.cookie)) + ';'),
  action: async (page) => {
    await page.click('#open');
    await page.waitForFunction(() => !!document.querySelector('section.dialog'));
  },
  back: async (page) => {
    await page.click('section.dialog .close');
    await page.waitForFunction(() => !document.querySelector('section.dialog'));
  },
  repeat: () => 2,
  beforeLeakFilter(_snapshot, leakedNodeIds) { this.asked = leakedNodeIds.size; },
  // MemLab's way of saying what a leak is: here only the resize handlers, with the snapshot's own fields.
  leakFilter(node) { return this.asked > 0 && node.type === 'closure' && node.name === 'onResize'; },
};
`,
    );
    const out = join(dir, 'memlab.json');
    const run = await runCli(['audit', '--scenario', scenario, '--json', out, '--fail-on', 'medium', '-q']);
    expect(run.code, run.stderr).toBe(1);
    expect(readFileSync(marks, 'utf8')).toBe('before;setup:session=memlab-1;');
    const report = readReport(out);
    expect(report.page.url).toBe(server.url('audit/leaky-dialog.html'));
    expect(report.audit!.iterations.map((i) => i.detachedTrees)).toEqual([0, 1, 2, 3]);
    // The diff's leaks are what the filter chose: the one onResize made in iteration 1, alive at the end.
    expect(report.heap!.diff!.groups.map((g) => [g.className, g.count])).toEqual([['(closure)', 1]]);
    expect(report.notes).toContain(
      "The scenario's leakFilter chose the heap-snapshot diff's objects; the live suspects come from Leakscope's rules.",
    );
  });

  test('usage and browser errors exit 2', async () => {
    const noUrl = await runCli(['audit', '--iterations', '3']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('Missing the URL to audit');
    const badFailOn = await runCli(['audit', server.url('clean.html'), '--fail-on', 'severe']);
    expect(badFailOn.code).toBe(2);
    const noScenario = await runCli([
      'audit',
      server.url('clean.html'),
      '--scenario',
      join(dir, 'missing.mjs'),
    ]);
    expect(noScenario.code).toBe(2);
    expect(noScenario.stderr).toContain('Cannot load the scenario');
  });

  describe('the HTML export in Chromium', () => {
    let session: Session;
    beforeAll(async () => {
      session = await launch({ extension: false });
    });
    afterAll(async () => {
      await session?.close();
    });

    /** Opens a file, records requests, dialogs and CSP violations, returns what the page shows. */
    async function open(file: string) {
      const page = await session.browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      // Injected by CDP (not subject to the page's CSP): records violations and errors from the first moment.
      await page.evaluateOnNewDocument(`
        window.__seen = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__seen.push('csp ' + e.violatedDirective));
        window.addEventListener('error', (e) => window.__seen.push('error ' + e.message), true);
      `);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const seen = await page.evaluate(() => ({
        scripts: document.scripts.length,
        chains: [...document.querySelectorAll('ol.chain')].map((ol) =>
          [...ol.querySelectorAll('li')].map((li) => li.textContent),
        ),
        text: document.body.textContent ?? '',
        title: document.title,
        body: document.body.textContent ?? '',
        seen: (window as unknown as { __seen: string[] }).__seen,
      }));
      await page.close();
      return { ...seen, requests, dialogs };
    }

    test('shows each suspect chain one hop per line, runs no script, loads nothing', async () => {
      expect(report, 'the leaky audit ran first').toBeDefined();
      const shown = await open(join(dir, 'leaky.html'));
      expect(shown.scripts).toBe(0);
      expect(shown.requests).toEqual([pathToFileURL(join(dir, 'leaky.html')).href]);
      expect(shown.dialogs).toEqual([]);
      expect(shown.seen).toEqual([]);
      expect(shown.chains[0]).toEqual([
        'window',
        "'resize' listener → onResize()",
        expect.stringMatching(/^closure variable dlg → <section class="dialog"/),
      ]);
      expect(shown.text).toContain('Iterations');
    });

    test('a page that puts markup and a bidi override in its title and labels: the exports keep them as text', async () => {
      const out = (ext: string) => join(dir, `hostile-page.${ext}`);
      const run = await runCli([
        'audit',
        server.url('audit/hostile-labels.html'),
        '--iterations',
        '2',
        '--settle',
        '100',
        '--html',
        out('html'),
        '--md',
        out('md'),
        '-q',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const shown = await open(out('html'));
      expect(shown.scripts).toBe(0);
      expect(shown.dialogs).toEqual([]);
      expect(shown.seen).toEqual([]);
      expect(shown.requests).toHaveLength(1);
      // The tab title is cut to 80 characters; the page's whole title is in the summary table, as text.
      expect(shown.title).toContain('"><img src=x onerro');
      // The bidi override shows as a visible escape (`\u202E` from the model, `[U+202E]` from the exporter), never raw.
      expect(shown.text).toMatch(
        /"><img src=x onerror=alert\(1\)><script>alert\(2\)<\/script>(\[U\+202E\]|\\u202E)gnp\.exe/,
      );
      expect(shown.text).not.toContain('\u202E');
      const chain = shown.chains.flat().join('\n');
      expect(chain).toMatch(
        /<img src=x onerror=alert\(3\)><a href="javascript:alert\(4\)">x<\/a>(\[U\+202E\]|\\u202E)/,
      );
      expect(chain).toContain('<script>alert(5)</script>');
      const md = readFileSync(out('md'), 'utf8');
      expect(md).not.toContain('\u202E');
      // Outside code spans (which Markdown renders as literal text) no markup may survive.
      expect(md.replace(/(`+)[^`][\s\S]*?\1/g, '')).not.toMatch(/<img|<script|<a /);
      expect(md).toContain('`script → const el → <div id=""><img src=x onerror=alert(3)>');
      expect(run.stdout).not.toContain('\u202E'); // the terminal summary replaces controls too
    });

    test('hostile page strings in the report stay text in a real browser', async () => {
      const hostile = structuredClone(report);
      const attack =
        '"><img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">x</a>';
      hostile.page.title = attack;
      hostile.suspects[0].title = attack;
      hostile.suspects[0].chain![0].holder = attack;
      const file = join(dir, 'hostile.html');
      writeFileSync(file, toHtml(hostile));
      const shown = await open(file);
      expect(shown.scripts).toBe(0);
      expect(shown.dialogs).toEqual([]);
      expect(shown.seen).toEqual([]);
      expect(shown.requests).toHaveLength(1);
      expect(shown.chains[0][0]).toBe(attack);
      expect(shown.title).toContain('"><img src=x');
    });
  });
});
