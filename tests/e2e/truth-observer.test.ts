/**
 * No observer effect: a removed tree the page let go is not reported because Leakscope or DevTools bound it. Each
 * finding is checked against a heap snapshot taken through puppeteer's own CDP session.
 *
 * - `DOM.getDetachedDomNodes` (Force GC, and the start of every Scan) binds every tree it returns to a nodeId in the
 *   panel's DOM agent, and a bound node stays alive: Leakscope now releases its bindings around that call.
 * - DevTools' own DOM agent does the same with nodes it was told about (seen on the jQuery and Backbone todo apps
 *   with DevTools open; the snapshot's retainers end in blink::InspectorDOMAgent). Leakscope cannot release another
 *   client's bindings nor see them, so such a tree is reported as info that says so, not as the page's leak.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chainText } from '../../src/chain.ts';
import { analyzeGraph } from '../../src/heap/analyze.ts';
import { nodeName } from '../../src/heap/graph.ts';
import { heapHops } from '../../src/heap/hops.ts';
import { retainerChain } from '../../src/heap/queries/chain.ts';
import { findDetachedTrees } from '../../src/heap/queries/detached.ts';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { captureHeap } from './heap-capture.ts';
import { press, pressScan, type Shown, showInfoSuspects, shownSuspects } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** Detached trees in a heap snapshot of the page, as `LI:10`, with the chain the engine shows for each. */
async function snapshotTrees(page: Page): Promise<Array<{ tree: string; chain: string }>> {
  const heap = await analyzeGraph((await captureHeap(page)).graph);
  return findDetachedTrees(heap).map((t) => ({
    tree: `${nodeName(heap.graph, t.root).match(/^<(\w+)/)?.[1] ?? nodeName(heap.graph, t.root)}:${t.members.length}`,
    chain: chainText(heapHops(retainerChain(heap, t.entry))),
  }));
}

const undo = (shown: Shown[]) => shown.filter((s) => /<li class="undo">/.test(s.text));

describe('what Leakscope binds', () => {
  test('a tree the page released after a Force GC is gone at the next Scan, as in the heap snapshot', async () => {
    const page = await openPage(session, 'truth/drop-later.html');
    const { panel } = await showPanel(session, page);
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
    await page.evaluate('keep()');
    await press(panel, 'Force GC');
    await panel.waitForSelector('[data-testid="gc-result"]', { timeout: 15_000 });
    await page.evaluate('drop()');
    await pressScan(panel);
    await showInfoSuspects(panel);
    const shown = await shownSuspects(panel);
    expect(undo(shown), JSON.stringify(shown)).toEqual([]);
    expect((await snapshotTrees(page)).filter((t) => t.tree.startsWith('li'))).toEqual([]);
    await page.close();
  });
});

describe('what another debugging client binds', () => {
  test('a removed <li> only a DOM agent keeps is info that says Leakscope cannot tell, never a guessed cause', async () => {
    const page = await openPage(session, 'truth/drop-later.html');
    const { panel } = await showPanel(session, page);
    await page.evaluate('keep()');
    // A second client binds the removed <li> to a nodeId, as DevTools' frontend does with nodes it shows.
    const other = await page.createCDPSession();
    await other.send('DOM.getDocument', { depth: 0 });
    const { result } = await other.send('Runtime.evaluate', { expression: 'held' });
    await other.send('DOM.requestNode', { objectId: result.objectId! });
    await other.send('Runtime.releaseObject', { objectId: result.objectId! });
    await page.evaluate('drop()');

    // Ground truth: the page holds nothing; only the other client's DOM agent does.
    const [li] = (await snapshotTrees(page)).filter((t) => t.tree.startsWith('li'));
    expect(li?.chain).toMatch(/InspectorDOMAgent/);

    await pressScan(panel);
    await showInfoSuspects(panel);
    const [s, ...more] = undo(await shownSuspects(panel));
    expect(more).toEqual([]);
    expect(s.severity).toBe('info');
    expect(s.text).toMatch(/no chain from the page’s JavaScript that Leakscope can search leads to it/);
    expect(s.text).toMatch(/cannot tell who holds it/);
    expect(s.text).not.toMatch(/may be held by something the live search cannot see/);
    await other.detach();
    await page.close();
  });
});
