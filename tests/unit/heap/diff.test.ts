import { describe, expect, test } from 'vitest';
import { analyzeGraph } from '../../../src/heap/analyze.ts';
import { buildGraph } from '../../../src/heap/graph.ts';
import { collectIdentities, diffSnapshots, LeakFilterError } from '../../../src/heap/queries/diff.ts';
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

describe("a MemLab scenario's leakFilter picks the diff's leaks", () => {
  const base = heapState(2, 0, 0);
  const target = heapState(12, 3, 0);
  const diff = async (filter: Parameters<typeof diffSnapshots>[3]) =>
    diffSnapshots(
      collectIdentities(base),
      collectIdentities(target),
      await analyzeGraph(heapState(12, 0, 4)),
      filter,
    );

  test('it is asked about every object created in the target and alive at the end, and replaces the built-in choice', async () => {
    const asked: string[] = [];
    const d = await diff({
      leakFilter: (node) => {
        asked.push(node.name || node.type);
        return node.type === 'array' && node.self_size === 800;
      },
    });
    // 10 Leaks and their 10 payloads were asked about, nothing from the baseline, no freed temporary.
    expect(asked.filter((n) => n === 'Leak')).toHaveLength(10);
    expect(asked).toHaveLength(20);
    // The payloads are the leaks now (the built-in choice would report their Leak owners).
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0].members).toHaveLength(10);
    expect(d.groups[0].shape).toBe('global → items → (array) → [] → Leak → payload → (array)');
  });

  test('the node has MemLab fields (sizes, edges both ways) and the snapshot finds nodes by id', async () => {
    let before = 0;
    const d = await diff({
      beforeLeakFilter: (_snapshot, ids) => {
        before = ids.size;
      },
      leakFilter: (node, snapshot, ids) => {
        if (node.name !== 'Leak') return false;
        const payload = node.references.find((e) => e.name_or_index === 'payload')?.toNode;
        const owner = node.referrers[0];
        return (
          node.retainedSize === 832 &&
          payload?.self_size === 800 &&
          owner.type === 'element' &&
          owner.fromNode.type === 'array' &&
          snapshot.getNodeById(node.id)?.name === 'Leak' &&
          ids.has(node.id)
        );
      },
    });
    expect(before).toBe(20);
    expect(d.groups.map((g) => [g.className, g.members.length])).toEqual([['Leak', 10]]);
  });

  test('a filter that rejects everything leaves no groups; one that throws names the object', async () => {
    expect((await diff({ leakFilter: () => false })).groups).toEqual([]);
    const threw = diff({
      leakFilter: (node) => {
        if (node.name === 'Leak') throw new Error('boom');
        return false;
      },
    });
    await expect(threw).rejects.toBeInstanceOf(LeakFilterError);
    await expect(threw).rejects.toThrow(/leakFilter threw on object @\d+: boom/);
  });
});
