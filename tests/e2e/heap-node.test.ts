import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fileSource } from '../../cli/file-source.ts';
import { runAnalysis } from '../../src/heap/pipeline.ts';
import type { AnalysisResult } from '../../src/heap/result.ts';
import { parseReport } from '../../src/report/index.ts';
import { writeNodeSnapshot } from './heap-node-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'leakscope-node-heap-'));
const file = join(dir, 'node.heapsnapshot');
let result: AnalysisResult;
beforeAll(async () => {
  writeNodeSnapshot(file);
  result = await runAnalysis({ snapshot: fileSource(file) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a Node.js snapshot (7 node fields, root shortcut to the global object) is read', () => {
  expect(result.summary.nodeFields).toEqual([
    'type',
    'name',
    'id',
    'self_size',
    'edge_count',
    'trace_node_id',
    'detachedness',
  ]);
  expect(result.summary.userRootCount).toBeGreaterThanOrEqual(1);
  expect(result.summary.nodeCount).toBeGreaterThan(10_000);
  expect(result.detachedTrees).toEqual([]);
});

test('25 leaked class instances are counted, with their payloads in the retained size', () => {
  const leak = result.classes.find((c) => c.className === 'NodeLeak');
  expect(leak?.count).toBe(25);
  // Each instance holds a 50-element array: at least 50 × 8 bytes of elements each.
  expect(leak?.retainedSize).toBeGreaterThan(25 * 400);
});

test('the interval closure and the array it captures, with a chain from `global`', () => {
  const tick = result.closures.find((c) => c.functionName === 'tick');
  const history = tick?.captured.find((v) => v.name === 'history');
  expect(history?.node.retainedSize).toBeGreaterThan(800_000);
  const array = result.largest.find((l) => l.node.id === history?.node.id);
  expect(array?.chain[0].node.className).toBe('global');
  expect(array?.chain.map((s) => s.edge)).toContain('history');
});

test('the command line prints the same analysis, --raw writes it as JSON and --json as a report the panel imports', () => {
  const raw = join(dir, 'node-raw.json');
  const report = join(dir, 'node-report.json');
  const cli = join(import.meta.dirname, '..', '..', 'scripts', 'leakscope.mjs');
  const args = [cli, 'analyze', file, '--raw', raw, '--json', report, '--top', '3'];
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8' });
  expect(stdout).toMatch(/^Heap: [\d,]+ objects/);
  expect(stdout).toMatch(/tick \(script \d+:\d+:\d+\).*history=Array/);
  const json = JSON.parse(readFileSync(raw, 'utf8')) as AnalysisResult;
  expect(json.summary).toEqual({ ...result.summary });
  const parsed = parseReport(readFileSync(report, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.report.heap?.nodeCount).toBe(result.summary.nodeCount);
});
