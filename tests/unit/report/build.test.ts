import { expect, test } from 'vitest';
import { chainText, edgeText } from '../../../src/chain.ts';
import type { SnapshotSource } from '../../../src/heap/pipeline.ts';
import { runAnalysis } from '../../../src/heap/pipeline.ts';
import { parseReport, REPORT_VERSION, reportFromHeap, toJson } from '../../../src/report/index.ts';
import { type SynthEdge, type SynthNode, snapshotText } from '../heap/snapshot-builder.ts';
import { auditReport, META, scanReport } from './fixtures.ts';

test('reportFromScan: page, browser, counters and suspects with chain, callsite and fix', () => {
  const r = scanReport(3);
  expect(r).toMatchObject({
    kind: 'leakscope-report',
    version: REPORT_VERSION,
    source: 'scan',
    page: { url: META.url, title: 'Cart' },
    browser: 'Chrome/156.0.0.0',
    createdAt: META.createdAt,
    tool: { name: 'leakscope', version: '0.1.0' },
    heap: null,
    audit: null,
    images: [],
  });
  expect(r.counters).toContainEqual({ name: 'Nodes', value: 100 + 43 * 3, series: null });
  expect(r.suspects).toHaveLength(1);
  const s = r.suspects[0];
  expect(s.count).toBe(3);
  expect(s.kind).toBe('listener');
  // The page's names with their kind, root first, the leaked object last; in words as the panel shows them.
  expect(s.chain).toEqual([
    { holder: 'window', edge: "'resize' listener", edgeKind: 'listener', object: 'onResize()' },
    {
      holder: 'onResize()',
      edge: 'dlg',
      edgeKind: 'closure-variable',
      object: '<section id="dlg0" class="dialog">',
    },
  ]);
  expect(chainText(s.chain!)).toBe(
    `window → 'resize' listener → onResize() → closure variable dlg → <section id="dlg0" class="dialog">`,
  );
  expect(s.fix.length).toBeGreaterThan(10);
});

test('builders clamp page strings: a 1 MB title is cut', () => {
  const r = scanReport(1, undefined, { ...META, title: 'x'.repeat(1 << 20) });
  expect(r.page.title.length).toBeLessThanOrEqual(2000);
});

test('reportFromAudit: iterations with listener counts by type, detached trees and ranked growth', () => {
  const r = auditReport(5);
  const a = r.audit!;
  expect(a.iterations).toHaveLength(6);
  expect(a.iterations.map((i) => i.detachedTrees)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(a.iterations.map((i) => i.listenersByType.find((l) => l.name === 'resize')?.value ?? 0)).toEqual([
    0, 1, 2, 3, 4, 5,
  ]);
  expect(a.growth[0]).toMatchObject({ kind: 'suspect', steady: true, perIteration: 1 });
  expect(a.growth[0].label).toBe(r.suspects[0].title);
});

test('reportFromHeap: the engine diff becomes groups with chains of hops', async () => {
  const state = (leaks: number) => {
    const nodes: SynthNode[] = [
      { key: 'root', id: 1 },
      { key: 'global', name: 'Window', id: 3 },
      { key: 'list', type: 'array', name: '', id: 5 },
    ];
    const edges: SynthEdge[] = [
      { from: 'root', to: 'global', type: 'shortcut' },
      { from: 'global', to: 'list', name: 'leaks' },
    ];
    for (let i = 0; i < leaks; i++) {
      nodes.push({ key: `leak${i}`, name: 'Leak', id: 1001 + i * 2, selfSize: 32 });
      edges.push({ from: 'list', to: `leak${i}`, type: 'element', name: i });
    }
    return snapshotText(nodes, edges);
  };
  const source = (name: string, text: string): SnapshotSource => ({
    name,
    size: text.length,
    async *chunks() {
      yield text;
    },
  });
  const analysis = await runAnalysis({
    baseline: source('a', state(1)),
    target: source('b', state(4)),
    final: source('c', state(4)),
  });
  const r = reportFromHeap({ ...META, browser: '' }, analysis);
  expect(r.source).toBe('heap');
  expect(r.heap?.diff?.groups[0]).toMatchObject({ className: 'Leak', count: 3 });
  const chain = r.heap!.diff!.groups[0].chain;
  expect(chain[0].holder).toBe('Window');
  expect(chain.at(-1)?.object).toBe('Leak');
  expect(chain.map(edgeText)).toEqual(['leaks', expect.stringMatching(/^\[\d\]$/)]);
  expect(parseReport(toJson(r))).toEqual({ ok: true, report: r });
});
