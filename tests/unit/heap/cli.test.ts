import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseReport } from '../../../src/report/index.ts';
import { buildSnapshot, type SynthEdge, type SynthNode, snapshotText } from './snapshot-builder.ts';

const CLI = join(import.meta.dirname, '..', '..', '..', 'scripts', 'leakscope.mjs');
const dir = mkdtempSync(join(tmpdir(), 'leakscope-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function page(leaks: number): string {
  const nodes: SynthNode[] = [
    { key: 'root' },
    { key: 'g', name: 'global', id: 3 },
    { key: 'list', type: 'array', name: '', id: 5 },
  ];
  const edges: SynthEdge[] = [
    { from: 'root', to: 'g', type: 'shortcut' },
    { from: 'g', to: 'list', name: 'leaks' },
  ];
  for (let i = 0; i < leaks; i++) {
    nodes.push({ key: `l${i}`, name: 'LeakyThing', id: 101 + 2 * i, selfSize: 64 });
    edges.push({ from: 'list', to: `l${i}`, type: 'element', name: i });
  }
  return snapshotText(nodes, edges, { fields: 7 });
}

describe('leakscope command line', { timeout: 30_000 }, () => {
  test('--help and the dispatcher', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/analyze/);
    const sub = await run('analyze', '--help');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--baseline/);
    expect((await run()).code).toBe(2);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const usage = await run('analyze', '--baseline', 'a');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs --baseline and --target/);
  });

  test('analyze one snapshot: summary on stdout; --json a report the panel re-imports, --html, --md, --raw', async () => {
    const out = (name: string) => join(dir, name);
    const r = await run(
      'analyze',
      file('one.heapsnapshot', page(3)),
      '--json',
      out('out.json'),
      '--html',
      out('out.html'),
      '--md',
      out('out.md'),
      '--raw',
      out('raw.json'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Heap: 6 objects/);
    expect(r.stdout).toMatch(/global → leaks → \(array\)/);
    // The report is the versioned format the panel's Import reads.
    const parsed = parseReport(readFileSync(out('out.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.report.source).toBe('heap');
    expect(parsed.report.page.title).toBe('one.heapsnapshot');
    expect(parsed.report.heap?.nodeCount).toBe(6);
    expect(readFileSync(out('out.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*6 objects/i);
    expect(readFileSync(out('out.html'), 'utf8')).not.toMatch(/<script/i);
    expect(readFileSync(out('out.md'), 'utf8')).toMatch(/Leakscope report: one/);
    const raw = JSON.parse(readFileSync(out('raw.json'), 'utf8'));
    expect(raw.summary.nodeCount).toBe(6);
    expect(raw.classes.find((c: { className: string }) => c.className === 'LeakyThing').count).toBe(3);
  });

  test('names from the file reach the terminal without control or bidi characters', async () => {
    // A class, a property and a function name that would clear the screen, rewrite the line and reorder it.
    const evil = 'Evil\x1b[2J\x1b]0;owned\x07\rCLEAN\u202egnp.exe\u200b';
    const nodes: SynthNode[] = [
      { key: 'root' },
      { key: 'g', name: 'global', id: 3 },
      { key: 'fn', type: 'closure', name: evil, id: 5 },
      { key: 'ctx', type: 'object', name: 'system / Context', id: 7 },
      { key: 'big', name: evil, id: 9, selfSize: 4096 },
    ];
    const edges: SynthEdge[] = [
      { from: 'root', to: 'g', type: 'shortcut' },
      { from: 'g', to: 'fn', name: evil },
      { from: 'fn', to: 'ctx', type: 'internal', name: 'context' },
      { from: 'ctx', to: 'big', type: 'context', name: evil },
      { from: 'g', to: 'big', name: 'kept' },
    ];
    const r = await run('analyze', file('evil.heapsnapshot', snapshotText(nodes, edges)));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Evil?[2J?]0;owned??CLEAN?gnp.exe?');
    const unsafe = [...r.stdout].filter((c) => c !== '\n' && /\p{Cc}|\p{Cf}/u.test(c));
    expect(unsafe).toEqual([]);
  });

  test('analyze a 3-snapshot diff', async () => {
    const r = await run(
      'analyze',
      '--baseline',
      file('a.heapsnapshot', page(1)),
      '--target',
      file('b.heapsnapshot', page(9)),
      '--final',
      file('c.heapsnapshot', page(9)),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/×8 {2}LeakyThing/);
    expect(r.stdout).toMatch(/path: global → leaks → \(array\) → \[\] → LeakyThing/);
  });

  test('analyze --fail-on: exit 1 on a diff that grew at or above the threshold, 0 below it or clean, 2 on a bad value', async () => {
    const a = file('fa.heapsnapshot', page(1));
    const b = file('fb.heapsnapshot', page(4));
    const diff = ['analyze', '--baseline', a, '--target', b, '--final', b];
    // 3 objects kept: `low` (a diff group is at least low; medium from 10 objects or 64 KiB).
    const low = await run(...diff, '--fail-on', 'low');
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/\[low\] LeakyThing ×3 created in the target/);
    expect(low.stdout).toMatch(/Gate \(--fail-on low\) fails: 1 finding at low or above/);
    const medium = await run(...diff, '--fail-on', 'medium');
    expect(medium.code).toBe(0);
    expect(medium.stdout).toMatch(/passes: no finding at medium or above/);
    const ignored = await run(...diff, '--fail-on', 'low', '--ignore', 'Leaky*');
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toMatch(/1 ignored/);
    // 12 objects kept: medium.
    const big = await run(
      'analyze',
      '--baseline',
      a,
      '--target',
      file('fc.heapsnapshot', page(13)),
      '--fail-on',
      'medium',
    );
    expect(big.code).toBe(1);
    expect(big.stdout).toMatch(/\[medium\] LeakyThing ×12/);
    // Nothing grew: only what is new between the snapshots counts, not what the baseline already had.
    const clean = await run('analyze', '--baseline', b, '--target', b, '--fail-on', 'info');
    expect(clean.code).toBe(0);
    const bad = await run(...diff, '--fail-on', 'severe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on expects one of info, low, medium, high, got "severe"/);
    const json = join(dir, 'fail-on.json');
    expect((await run(...diff, '--json', json)).code).toBe(0);
    const parsed = parseReport(readFileSync(json, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.report.suspects.map((s) => [s.kind, s.severity, s.count])).toEqual([
      ['heap-diff', 'low', 3],
    ]);
  });

  const good = snapshotText([{ key: 'root' }, { key: 'a' }], [{ from: 'root', to: 'a' }]);
  const badMeta = buildSnapshot([{ key: 'root' }], []);
  badMeta.snapshot.meta.edge_fields = ['kind', 'name_or_index', 'to_node'];
  const cases: [string, () => string, RegExp][] = [
    ['an empty file', () => file('empty.heapsnapshot', ''), /The file is empty\./],
    [
      'a truncated file',
      () => file('cut.heapsnapshot', good.slice(0, good.length - 30)),
      /ends too early.*cut off/,
    ],
    ['not JSON', () => file('text.heapsnapshot', 'PK\u0003\u0004 zip data'), /not valid heap snapshot JSON/],
    [
      'JSON that is not a snapshot',
      () => file('pkg.json', '{"name":"x","version":"1"}'),
      /not a heap snapshot/,
    ],
    [
      'wrong meta',
      () => file('meta.heapsnapshot', JSON.stringify(badMeta)),
      /header is not one Leakscope understands: edge_fields has no "type" field/,
    ],
    ['a 0-node snapshot', () => file('zero.heapsnapshot', snapshotText([], [])), /contains no objects/],
    [
      'a missing file',
      () => join(dir, 'nope.heapsnapshot'),
      /Cannot read .*nope\.heapsnapshot: no such file/,
    ],
    [
      'a file of several GB (sparse)',
      () => {
        const p = file('huge.heapsnapshot', '');
        truncateSync(p, 5 * 1024 ** 3);
        return p;
      },
      /is 5\.00 GiB; Leakscope reads snapshots up to 2\.00 GiB/,
    ],
  ];
  // Each case is a real child process; under load (two cores) a few together can take seconds.
  test.concurrent.each(cases)(
    '%s: exit 2 with one clear line on stderr',
    { timeout: 30_000 },
    async (_name, make, message) => {
      const started = Date.now();
      const r = await run('analyze', make());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^leakscope: /);
      expect(Date.now() - started).toBeLessThan(15_000);
    },
  );
});
