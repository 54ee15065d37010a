/**
 * Real apps on real libraries' production builds (tests/fixtures/pages/truth/: jQuery, Backbone, Vue 3, Lit), used
 * as a person would (add 30 todos, complete 10, delete 10, each filter, clear completed):
 * - in the real panel, Scan shows no detached-DOM finding above info on the clean apps (their libraries' caches are
 *   info), and still finds the <li>s the leaky variant (?leak) keeps, with the chain to the app's array;
 * - the detached trees the scan reports are the ones a heap snapshot of the same steps has (puppeteer's own CDP
 *   session, no DevTools, no extension), with the same node counts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyzeGraph } from '../../src/heap/analyze.ts';
import { nodeName } from '../../src/heap/graph.ts';
import { findDetachedTrees } from '../../src/heap/queries/detached.ts';
import { scan } from '../../src/live/index.ts';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { captureHeap, collectPrecisely } from './heap-capture.ts';
import { guardedTransportFor } from './live-transport.ts';
import { pressScan, type Shown, showInfoSuspects, shownSuspects } from './panel-helpers.ts';
import { useTodoApp } from './todo-steps.ts';

const APPS = ['jquery', 'backbone', 'vue', 'lit'] as const;

let withPanel: Session;
let plain: Session;
beforeAll(async () => {
  withPanel = await launch();
  plain = await launch({ extension: false });
});
afterAll(async () => {
  await withPanel?.close();
  await plain?.close();
});

/** Findings about detached DOM (the detached-DOM rule and listeners that keep or sit on removed trees). */
const domFindings = (shown: Shown[]) =>
  shown.filter(
    (s) => s.kind === 'detached-dom' || (s.kind === 'listener' && /removed|detached/.test(s.text)),
  );

async function scanInRealPanel(path: string): Promise<Shown[]> {
  const page = await openPage(withPanel, path);
  const { panel } = await showPanel(withPanel, page);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  await useTodoApp(page);
  await pressScan(panel);
  await showInfoSuspects(panel);
  const shown = await shownSuspects(panel);
  await page.close();
  return shown;
}

/** `tag:nodes` of each tree, sorted: what both sides must agree on. */
const key = (tag: string, nodes: number) => `${tag.toLowerCase()}:${nodes}`;

/**
 * The scan's trees and the snapshot's, after the same steps on one page with no DevTools. A <template>'s inert
 * content is compared by presence only: CDP's DOM domain leaves out whitespace-only text nodes, which the snapshot
 * counts, and template markup is mostly indentation.
 */
async function scanAndSnapshot(page: Page): Promise<{ scanned: string[]; snapshot: string[] }> {
  // The scan and the snapshot then compare the same heap (up to 14 removed Lit rows a stale stack word kept, 1 run
  // in ~12 under load, otherwise).
  await collectPrecisely(page);
  const result = await scan(await guardedTransportFor(page));
  const heap = await analyzeGraph((await captureHeap(page)).graph);
  const tagOf = (label: string) => label.match(/^<([\w-]+)/)?.[1] ?? label.replace(/^#/, '');
  const norm = (tag: string, nodes: number) => key(tag, tag.toLowerCase() === 'template' ? 0 : nodes);
  return {
    scanned: result.detached.map((d) => norm(tagOf(d.root), d.nodeCount)).sort(),
    snapshot: findDetachedTrees(heap)
      .map((t) => norm(tagOf(nodeName(heap.graph, t.root)), t.members.length))
      .sort(),
  };
}

describe.each(APPS)('%s todo app', (app) => {
  test('clean: after using it, no detached-DOM finding above info; what has no chain says Leakscope cannot tell', async () => {
    const shown = domFindings(await scanInRealPanel(`truth/${app}-todo.html`));
    const above = shown.filter((s) => s.severity !== 'info');
    expect(above, JSON.stringify(above, null, 1)).toEqual([]);
    for (const s of shown.filter((x) => /no chain/.test(x.text)))
      expect(s.text).toMatch(/cannot tell who holds it/);
  });

  test('leaky: the deleted <li>s the app keeps are found, with the chain to its array', async () => {
    const shown = domFindings(await scanInRealPanel(`truth/${app}-todo.html?leak`));
    const kept = shown.find(
      (s) => /deletedTodos/.test(s.text) && /<li/.test(s.text) && s.severity !== 'info',
    );
    expect(kept, JSON.stringify(shown, null, 1)).toBeDefined();
    expect(kept!.severity).toBe('medium');
    expect(kept!.text).toMatch(/closure variable deletedTodos → Array\(10\)/);
  });

  test.each(['', '?leak'])(
    'ground truth%s: the scan reports the heap snapshot’s detached trees',
    async (query) => {
      const page = await openPage(plain, `truth/${app}-todo.html${query}`);
      await useTodoApp(page);
      const { scanned, snapshot } = await scanAndSnapshot(page);
      expect(scanned).toEqual(snapshot);
      if (query) expect(scanned.filter((t) => t.startsWith('li:'))).toHaveLength(10);
      await page.close();
    },
  );
});
