import { describe, expect, test } from 'vitest';
import { analyzeGraph } from '../../../src/heap/analyze.ts';
import { buildGraph } from '../../../src/heap/graph.ts';
import { collectIdentities, diffSnapshots } from '../../../src/heap/queries/diff.ts';
import { buildAnalysisResult } from '../../../src/heap/report.ts';
import { parseText } from './load.ts';
import { type SynthEdge, type SynthNode, snapshotText } from './snapshot-builder.ts';

/** One "page state": a global with a list of leaked objects (each with a payload array) and some temporaries. */
function heapState(leaks: number, temps: number, late: number) {
  const nodes: SynthNode[] = [
    { key: 'root', id: 1 },
    { key: 'global', name: 'global', id: 3 },
    { key: 'list', type: 'array', name: '', id: 5 },
    { key: 'config', name: 'Config', id: 7 },
  ];
  const edges: SynthEdge[] = [
    { from: 'root', to: 'global', type: 'shortcut' },
    { from: 'global', to: 'list', name: 'items' },
    { from: 'global', to: 'config', name: 'config' },
  ];
  for (let i = 0; i < leaks; i++) {
    nodes.push({ key: `leak${i}`, name: 'Leak', id: 1001 + i * 2, selfSize: 32 });
    nodes.push({ key: `payload${i}`, type: 'array', name: '', id: 5001 + i * 2, selfSize: 800 });
    edges.push({ from: 'list', to: `leak${i}`, type: 'element', name: i });
    edges.push({ from: `leak${i}`, to: `payload${i}`, name: 'payload' });
  }
  for (let i = 0; i < temps; i++) {
    nodes.push({ key: `temp${i}`, name: 'Temp', id: 9001 + i * 2 });
    edges.push({ from: 'global', to: `temp${i}`, name: `t${i}` });
  }
  for (let i = 0; i < late; i++) {
    nodes.push({ key: `late${i}`, name: 'Late', id: 20001 + i * 2 });
    edges.push({ from: 'global', to: `late${i}`, name: `l${i}` });
  }
  return buildGraph(parseText(snapshotText(nodes, edges)));
}

describe('diff of 2 or 3 snapshots by node id', () => {
  test('N identical leaks read as one suspect group ×N; freed, older and later objects are left out', async () => {
    const baseline = heapState(2, 0, 0); // two leaks already there before the measured step
    const target = heapState(52, 3, 0); // the step ran 50 times: 50 new leaks, 3 temporaries
    const final = await analyzeGraph(heapState(52, 0, 4)); // temporaries freed; 4 objects from after the step
    const d = diffSnapshots(collectIdentities(baseline), collectIdentities(target), final);
    expect(d.newInTarget).toBe(50 * 2 + 3);
    expect(d.survivingInFinal).toBe(100);
    expect(d.suspects).toBe(50); // payloads belong to their Leak
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0].className).toBe('Leak');
    expect(d.groups[0].members).toHaveLength(50);
    expect(d.groups[0].shape).toBe('global → items → (array) → [] → Leak');
    const result = buildAnalysisResult(final, { diff: { nodes: d, snapshots: 3 } });
    expect(result.diff?.groups[0]).toMatchObject({
      className: 'Leak',
      count: 50,
      selfSize: 50 * 32,
      retainedSize: 50 * 832,
    });
    expect(result.diff?.groups[0].sampleChain.map((s) => s.edge)).toEqual([null, 'items', '[2]']);
  });

  test('different paths make different groups', async () => {
    const nodes: SynthNode[] = [
      { key: 'root', id: 1 },
      { key: 'g', name: 'global', id: 3 },
    ];
    const edges: SynthEdge[] = [{ from: 'root', to: 'g', type: 'shortcut' }];
    const base = buildGraph(parseText(snapshotText(nodes, edges)));
    for (let i = 0; i < 3; i++) {
      nodes.push({ key: `a${i}`, name: 'Entry', id: 101 + i * 2 });
      edges.push({ from: 'g', to: `a${i}`, name: `cacheA_${i}` });
    }
    nodes.push({ key: 'b', name: 'Entry', id: 201 });
    edges.push({ from: 'g', to: 'b', name: 'other' });
    const final = await analyzeGraph(buildGraph(parseText(snapshotText(nodes, edges))));
    const d = diffSnapshots(collectIdentities(base), collectIdentities(final.graph), final);
    expect(d.groups.map((g) => g.members.length).sort()).toEqual([1, 1, 1, 1]);
  });

  test('no new objects: no groups', async () => {
    const g = heapState(3, 0, 0);
    const d = diffSnapshots(collectIdentities(g), collectIdentities(g), await analyzeGraph(g));
    expect(d).toMatchObject({ newInTarget: 0, survivingInFinal: 0, suspects: 0, groups: [] });
  });
});
