import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chainText } from '../../src/chain.ts';
import { analyzeGraph } from '../../src/heap/analyze.ts';
import { heapHops } from '../../src/heap/hops.ts';
import { collectIdentities, diffSnapshots } from '../../src/heap/queries/diff.ts';
import { buildAnalysisResult } from '../../src/heap/report.ts';
import { launch, openPage, type Session } from './harness.ts';
import { captureHeap, openHeapSession } from './heap-capture.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

async function analyzePage(path: string) {
  const page = await openPage(session, path);
  const { graph, chunks } = await captureHeap(page);
  const heap = await analyzeGraph(graph);
  await page.close();
  return { heap, result: buildAnalysisResult(heap), chunks };
}

describe('real Chromium heap snapshots of pages with known leaks', () => {
  test('a detached <table> held by the script-scope Map `cellIndex`', async () => {
    const { result, chunks } = await analyzePage('heap/detached-table.html');
    expect(chunks).toBeGreaterThan(1); // really streamed in pieces
    expect(result.summary.hasDetachedness).toBe(true);
    const table = result.detachedTrees.find((t) => t.root.className === 'Detached <table>');
    expect(table, JSON.stringify(result.detachedTrees.map((t) => t.root.className))).toBeDefined();
    if (!table) return;
    // <table> + <tbody> + 4 <tr> + 20 <td> + 20 text nodes.
    expect(table.nodeCount).toBe(46);
    expect(Object.fromEntries(table.classes.map((c) => [c.className, c.count]))).toEqual({
      'Detached <table>': 1,
      'Detached <tbody>': 1,
      'Detached <tr>': 4,
      'Detached <td>': 20,
      'Detached Text': 20,
    });
    expect(table.retainedSize).toBeGreaterThan(46 * 50);
    expect(table.chain[0].node.className).toBe('Window');
    expect(table.chain.map((s) => s.edge)).toContain('cellIndex');
    expect(table.chain.find((s) => s.edge === 'cellIndex')?.node.className).toBe('Map');
    expect(table.chain.at(-1)?.node.className).toBe('Detached <td>');
  });

  test('a removed <section> kept by a resize listener closure', async () => {
    const { result } = await analyzePage('heap/listener-closure.html');
    const section = result.detachedTrees.find((t) => t.root.className === 'Detached <section>');
    expect(section, JSON.stringify(result.detachedTrees.map((t) => t.root.className))).toBeDefined();
    if (!section) return;
    // <section>, <h2>, 2 <p>, 3 text nodes.
    expect(section.nodeCount).toBe(7);
    const chain = chainText(heapHops(section.chain));
    expect(chain, chain).toMatch(
      /onResize\(\) → context → system \/ Context → closure variable section → Detached <section>$/,
    );
    expect(section.chain.some((s) => s.node.type === 'closure' && s.node.name === 'onResize')).toBe(true);
    const closure = result.closures.find((c) => c.functionName === 'onResize');
    expect(closure?.captured.map((v) => [v.name, v.node.className])).toEqual([
      ['section', 'Detached <section>'],
    ]);
  });

  test('an interval closure holding a big array', async () => {
    const { result } = await analyzePage('heap/interval-array.html');
    const poll = result.closures.find((c) => c.functionName === 'poll');
    expect(poll).toBeDefined();
    if (!poll) return;
    const samples = poll.captured.find((v) => v.name === 'samples');
    // 250 000 doubles: a 2 MB backing store, plus the JSArray header.
    expect(samples?.node.retainedSize).toBeGreaterThan(2_000_000);
    expect(result.closures[0].functionName).toBe('poll');
    // The largest objects are the timer's holders (Blink's timer table → DOMTimer → poll → samples); the array
    // itself is among them, with a chain through the interval's closure.
    const array = result.largest.find((l) => l.node.className === 'Array');
    expect(array?.node.retainedSize).toBeGreaterThan(2_000_000);
    expect(array?.chain.map((s) => s.edge)).toContain('samples');
    expect(array?.chain.some((s) => s.node.className === 'DOMTimer')).toBe(true);
    expect(array?.chain.some((s) => s.node.name === 'poll')).toBe(true);
  });

  test('3-snapshot diff: an action repeated 7 times leaks 7 objects → one group ×7', async () => {
    const page = await openPage(session, 'heap/repeat-leak.html');
    const heapSession = await openHeapSession(page); // one session: V8 object ids must stay comparable
    const baseline = collectIdentities((await heapSession.capture()).graph);
    for (let i = 0; i < 7; i++) await page.evaluate('openDialog()');
    const target = collectIdentities((await heapSession.capture()).graph);
    await page.evaluate('Array.from({ length: 1000 }, (_, i) => ({ i })).length');
    const final = await analyzeGraph((await heapSession.capture()).graph);
    await heapSession.close();
    await page.close();
    const diff = diffSnapshots(baseline, target, final);
    const result = buildAnalysisResult(final, { diff: { nodes: diff, snapshots: 3 } });
    const groups = result.diff?.groups ?? [];
    const dialog = groups.find((g) => g.className === 'LeakyDialog');
    expect(dialog, groups.map((g) => `${g.className} ×${g.count}: ${g.shape}`).join('\n')).toBeDefined();
    expect(dialog?.count, groups.map((g) => `${g.className} ×${g.count}: ${g.shape}`).join('\n')).toBe(7);
    expect(dialog?.shape).toMatch(/dialogRegistry → Array → \[\] → LeakyDialog$/);
    expect(dialog?.sampleChain.map((s) => s.edge)).toContain('dialogRegistry');
    // Seven identical leaks are one suspect line, not seven, and the scratch arrays (garbage) are not suspects.
    expect(groups.filter((g) => g.className === 'LeakyDialog')).toHaveLength(1);
    expect(groups[0].className).toBe('LeakyDialog');
  });
});
