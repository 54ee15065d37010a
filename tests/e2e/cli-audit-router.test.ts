/**
 * `leakscope audit … --fail-on low` as a CI gate on a link-walking scenario (fuite's style): a hash-router SPA whose
 * link, visited and left, leaks one thing per visit. Every leak page must fail the gate with a suspect naming what
 * grew; the page that recycles its nodes and listeners must pass; an audit with no action must show no growth of
 * its own. Real process, real Chromium, one audit per page.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';
import { edgeText } from '../../src/chain.ts';
import type { Report, ReportSuspect } from '../../src/report/index.ts';
import { readReport, runCli } from './cli-run.ts';
import { ROOT } from './harness.ts';

const SCENARIO = join(ROOT, 'tests', 'fixtures', 'scenarios', 'router-visit.mjs');
const MiB = 1 << 20;
const FIVE = [0, 1, 2, 3, 4, 5];

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await serveFixtures();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-router-audit-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * One audit of a router page, as CI runs it; returns the exit code and the JSON report. `scenario`: a file, 'idle'
 * (--idle), or 'links' (no scenario: the default that follows the page's links).
 */
async function audit(page: string, scenario: string = SCENARIO) {
  const mode = scenario === 'idle' || scenario === 'links' ? scenario : 'visit';
  const json = join(dir, `${page}-${mode}.json`);
  const run = await runCli([
    'audit',
    server.url(`audit-router/${page}.html`),
    ...(mode === 'visit' ? ['--scenario', scenario] : mode === 'idle' ? ['--idle'] : []),
    '--iterations',
    '5',
    '--fail-on',
    'low',
    '--json',
    json,
    '-q',
  ]);
  expect(run.code, run.stderr).not.toBe(2);
  return { code: run.code, stdout: run.stdout, report: readReport(json) };
}

/** The suspects that grew every iteration: they come first. */
function growing(r: Report): ReportSuspect[] {
  const n = r.suspects.findIndex((s) => !s.growth);
  const head = n < 0 ? r.suspects : r.suspects.slice(0, n);
  expect(r.suspects.slice(head.length).some((s) => s.growth)).toBe(false);
  return head;
}

describe('leakscope audit --fail-on low on a router that leaks per visit', () => {
  test('1 MB buffer kept per visit: exit 1, ~1 MiB more memory retained every iteration', async () => {
    const { code, report } = await audit('big-objects');
    expect(code).toBe(1);
    const [memory] = growing(report);
    expect(memory).toMatchObject({ kind: 'memory-growth', severity: 'high' }); // ≥ 1 MiB per iteration
    expect(memory.bytes!).toBeGreaterThan(0.95 * MiB);
    expect(memory.bytes!).toBeLessThan(1.1 * MiB);
    // The heap diff's chain to what was kept since iteration 1: the module's `last` → previous → … → that visit's.
    const edges = memory.chain?.map((h) => h.edge) ?? [];
    expect(edges.slice(edges.indexOf('last'))).toEqual([
      'last',
      'previous',
      'previous',
      'previous',
      'previous',
    ]);
  });

  test("+1 listener of four kinds per visit: exit 1, one suspect per type, the BroadcastChannel's by Chrome's count", async () => {
    const { code, report } = await audit('listeners');
    expect(code).toBe(1);
    const titles = growing(report).map((s) => [s.kind, s.severity, s.title]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ['listener-growth', 'low', "1 more 'resize' listener every iteration, never removed"],
        ['listener-growth', 'low', "1 more 'click' listener every iteration, never removed"],
        ['listener-growth', 'low', "1 more 'scroll' listener every iteration, never removed"],
        [
          'listener-growth',
          'low',
          expect.stringMatching(/^1 more listener every iteration on targets the scan does not list/),
        ],
      ]),
    );
    expect(titles).toHaveLength(4);
  });

  test('+1 removed node kept per visit: exit 1, the growing detached-DOM suspect with its chain through the hook list', async () => {
    const { code, report } = await audit('detached-dom');
    expect(code).toBe(1);
    const [first] = growing(report);
    expect(first.nodes).toBe(2);
    expect(first.title).toMatch(/removed <div class="tooltip">/);
    expect(first.chain?.map(edgeText).join(' ')).toContain('closure variable routes [1] hooks enter [0]');
    expect(first.chain?.at(-2)).toMatchObject({ edge: 'shown', edgeKind: 'closure-variable' });
  });

  test('+1 node left in the document per visit: exit 1, DOM nodes grow', async () => {
    const { code, report } = await audit('dom-nodes');
    expect(code).toBe(1);
    expect(growing(report).map((s) => [s.kind, s.title])).toEqual([
      ['dom-growth', "2 more DOM nodes (Chrome's counter) every iteration"],
    ]);
  });

  test('Map, Set, Array and Object held only deep (routes[1].hooks.after[0] → closure): exit 1, each named', async () => {
    const { code, report } = await audit('collections');
    expect(code).toBe(1);
    const grown = growing(report);
    for (const name of ['visitsByTime', 'seenTitles', 'visitLog', 'visitsById']) {
      const s = grown.find((g) => g.title.includes(`(closure) ${name}\``));
      expect(s, name).toBeDefined();
      expect(s!.kind).toBe('collection-growth');
      expect(s!.title).toContain(
        "window 'hashchange' listener → render() → (closure) routes[1].hooks.after[0]",
      );
      expect(s!.growth?.values).toEqual(FIVE);
      expect(s!.chain?.at(-1)).toMatchObject({ edge: name, edgeKind: 'closure-variable' });
    }
    expect(grown).toHaveLength(4);
  });

  test('an interval started per visit: exit 1, the growing timer suspect', async () => {
    const { code, report } = await audit('timers');
    expect(code).toBe(1);
    const [first] = growing(report);
    expect(first).toMatchObject({ kind: 'timer', count: 5 });
    expect(first.growth?.values).toEqual(FIVE);
  });

  test('the page that recycles its nodes, listeners, interval and cache: exit 0, no suspect', async () => {
    const { code, report } = await audit('clean');
    expect(code).toBe(0);
    expect(report.suspects).toEqual([]);
  });

  test('no scenario: the audit follows the page’s own link and goes back, finding the same leak a scenario does; the clean page passes', async () => {
    const leaky = await audit('detached-dom', 'links');
    expect(leaky.code).toBe(1);
    expect(leaky.report.audit!.scenario).toBe('follow each same-origin link and go back');
    // One removed tooltip more per visit, each kept through the route's hooks.
    expect(leaky.report.audit!.iterations.map((i) => i.detachedTrees)).toEqual(FIVE);
    expect(growing(leaky.report).some((s) => /removed <div class="tooltip">/.test(s.title))).toBe(true);
    const clean = await audit('clean', 'links');
    expect(clean.code).toBe(0);
    expect(clean.report.suspects).toEqual([]);
  });

  test("an audit with no action: Leakscope's own first scan is not in the series, the JS heap stays flat", async () => {
    const { code, report } = await audit('clean', 'idle');
    expect(code).toBe(0);
    const heap = report.audit!.iterations.map((i) => i.jsHeapUsed);
    process.stderr.write(`idle audit JS heap: ${heap.join(' → ')}\n`);
    // Before the warm-up scan, the first step was ~+300 kB (the scan's isolated world and compiled functions), and it
    // stayed: from no reading on may the series stay above the first. The readings come from the recorder (precise GC,
    // Leakscope's page code counted once); the scan's own reading swung by 14–30 kB — its compiled page code, which
    // V8 keeps cached for some GCs, then drops — and failed this test in 3 of 6 quiet runs (cli/audit-heap.ts).
    for (let i = 1; i < heap.length; i++) expect(Math.min(...heap.slice(i)) - heap[0]).toBeLessThan(8 * 1024);
    expect(heap.at(-1)! - heap[0]).toBeLessThan(8 * 1024);
    expect(report.suspects).toEqual([]);
  });
});
