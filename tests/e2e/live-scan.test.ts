/**
 * The live scan against real Chromium through a transport that refuses everything an extension may not call:
 * seeded leaks are found with the right kind and a chain naming the page's variable; clean pages stay clean.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ScanResult, scan } from '../../src/live/index.ts';
import { chainText, findSuspects, type Suspect } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { collectPrecisely } from './heap-capture.ts';
import { type GuardedTransport, guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

async function scanPage(
  path: string,
): Promise<{ page: Page; t: GuardedTransport; result: ScanResult; suspects: Suspect[] }> {
  const page = await openPage(session, `leaks/${path}`);
  const t = await guardedTransportFor(page);
  const result = await scan(t);
  expect(t.refused).toEqual([]);
  return { page, t, result, suspects: findSuspects(result) };
}

const above = (s: Suspect[], level: Suspect['severity']) => {
  const order = { info: 0, low: 1, medium: 2, high: 3 };
  return s.filter((x) => order[x.severity] > order[level]);
};

describe('seeded leaks', () => {
  test('listener closure holding a removed dialog: one listener suspect ×6 naming `dlg`', async () => {
    const { page, result, suspects } = await scanPage('dialog-listener.html');
    expect(result.detached).toHaveLength(6);
    expect(result.detached.every((d) => d.status === 'found' && d.nodeCount > 40)).toBe(true);
    const s = suspects.find(
      (x) => x.kind === 'listener' && x.chain?.some((h) => h.edgeKind === 'closure-variable'),
    );
    expect(s?.count).toBe(6);
    expect(s?.severity).toBe('medium');
    expect(chainText(s!.chain!)).toMatch(
      /^window → 'resize' listener → onResize\(\) → closure variable dlg → <section class="dialog" id="dlg\d">$/,
    );
    expect(s?.callsite?.functionName).toBe('onResize');
    // The close button's 'click' listener is still on the removed dialog.
    expect(suspects.some((x) => x.kind === 'listener' && /'click'.*removed <section/.test(x.title))).toBe(
      true,
    );
    await page.close();
  });

  test('an attribute node (Attr) kept by script: reported as the removed tree it keeps, with the chain through the Attr', async () => {
    const { page, result, suspects } = await scanPage('attribute-node.html');
    // Two panels, each kept only through its close button's class Attr: each is its whole <section> (not "<class>").
    const panels = result.detached.filter((d) => d.root.startsWith('<section'));
    expect(panels.map((d) => [d.root, d.status])).toEqual([
      ['<section class="panel" id="panel0">', 'found'],
      ['<section class="panel" id="panel1">', 'found'],
    ]);
    expect(panels.every((d) => d.nodeCount > 15)).toBe(true);
    expect(chainText(panels[0].chain!)).toBe(
      'script → const editedAttrs → Array(2) → [0] → attribute class="close"',
    );
    expect(result.detached.map((d) => d.root)).not.toContain('<class>');
    // The lone Attr has no owner: one node, named as the attribute it is.
    const lone = result.detached.find((d) => d.root.startsWith('attribute'));
    expect(lone).toMatchObject({ root: 'attribute data-lone=""', nodeCount: 1 });
    const s = suspects.find((x) => x.kind === 'detached-dom' && x.title.includes('<section'));
    expect(s?.count).toBe(2);
    await page.close();
  });

  test('script-scope Map holding a <td> of a removed table', async () => {
    const { page, result, suspects } = await scanPage('cell-index.html');
    expect(result.detached).toHaveLength(1);
    const [s] = suspects.filter((x) => x.kind === 'detached-dom');
    expect(s.severity).toBe('high');
    expect(s.chain?.map((h) => [h.edgeKind, h.edge])).toEqual([
      ['lexical', 'const cellIndex'],
      ['map-entry', "'grand-total'"],
    ]);
    expect(s.chain?.at(-1)?.object).toBe('<td class="total">');
    expect(s.title).toContain('<table id="report-table">');
    await page.close();
  });

  test('a DOM node deep inside a global array: window.handlers[4321].ctx.payload.node', async () => {
    const { page, suspects } = await scanPage('deep-global-array.html');
    const [s] = suspects.filter((x) => x.kind === 'detached-dom');
    expect(s.chain?.map((h) => h.edge)).toEqual(['handlers', '4321', 'ctx', 'payload', 'node']);
    expect(s.chain?.[1].edgeKind).toBe('element');
    await page.close();
  });

  test('replaceThing: older previews are kept through the shared closure variable originalThing', async () => {
    const { page, result, suspects } = await scanPage('replace-thing.html');
    expect(result.detached).toHaveLength(5);
    expect(result.detached.every((d) => d.status === 'found')).toBe(true);
    const deepest = result.detached.map((d) => d.chain!).sort((a, b) => b.length - a.length)[0];
    expect(
      deepest.filter((h) => h.edgeKind === 'closure-variable' && h.edge === 'originalThing'),
    ).toHaveLength(4);
    expect(deepest[0]).toMatchObject({ holder: 'window', edge: 'theThing', edgeKind: 'global' });
    expect(suspects.filter((x) => x.kind === 'detached-dom').length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  test('accidental globals from sloppy-mode assignment', async () => {
    const { page, suspects } = await scanPage('accidental-global.html');
    const globals = suspects.filter((x) => x.kind === 'global');
    expect(globals.map((g) => g.chain?.[0].edge).sort()).toEqual(['lastQuery', 'resultCache']);
    expect(globals.find((g) => g.chain?.[0].edge === 'resultCache')?.severity).toBe('medium');
    expect(globals.find((g) => g.chain?.[0].edge === 'lastQuery')?.severity).toBe('low');
    await page.close();
  });

  test('without the hook, timers are not roots and the scan says so', async () => {
    const { page, result } = await scanPage('ticker-interval.html');
    expect(result.timers).toBeNull();
    expect(result.notes.join(' ')).toMatch(/hook is not in this page/);
    expect(result.detached[0].status).toBe('unreachable');
    await page.close();
  });
});

describe('clean pages', () => {
  for (const path of ['clean-dialogs.html', 'clean-app.html']) {
    test(`${path}: nothing above info`, async () => {
      const { page, result, suspects } = await scanPage(path);
      expect(result.listeners.length).toBeGreaterThan(1);
      expect(above(suspects, 'info')).toEqual([]);
      await page.close();
    });
  }
});

describe('robustness', () => {
  test('a throwing getter and a Proxy on window are walked without running them; patched and frozen built-ins do not matter', async () => {
    const page = await openPage(session, 'leaks/hostile.html');
    const t = await guardedTransportFor(page);
    // Raw CDP reads: puppeteer's own page helpers trip the patched Object.prototype once on their own.
    const counters = async () =>
      (
        await t.session.send('Runtime.evaluate', {
          expression: '[window.trapHits, window.getterHits, window.hitLog.length, window.indexHits]',
          returnByValue: true,
        })
      ).result.value as number[];
    // A callable Proxy too (typeof 'function'): reading even its own `name` would run a trap.
    await t.session.send('Runtime.evaluate', {
      expression: `window.onTick = new Proxy(function tick() {}, {
        getOwnPropertyDescriptor(t, k) { window.trapHits++; return Reflect.getOwnPropertyDescriptor(t, k); },
        ownKeys(t) { window.trapHits++; return Reflect.ownKeys(t); },
        get(t, k) { window.trapHits++; return Reflect.get(t, k); },
      }); 0`,
    });
    const before = await counters();
    expect(before[0]).toBe(0);
    const result = await scan(t);
    expect(await counters()).toEqual(before);
    const s = findSuspects(result).find((x) => x.kind === 'detached-dom');
    expect(s?.chain?.map((h) => h.edge)).toEqual(['const panels', "'filters'"]);
    expect(t.refused).toEqual([]);
    await page.close();
  });

  test('a cross-origin iframe is skipped with a note; the top page is still scanned', async () => {
    const page = await openPage(session, 'leaks/cross-origin-frame.html');
    await page.waitForFrame((f) => f.url().includes('localhost'));
    const t = await guardedTransportFor(page);
    const result = await scan(t);
    expect(t.refused).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/1 iframe\(s\) were not walked \(1 cross-origin, skipped\)/);
    const s = findSuspects(result).find((x) => x.kind === 'detached-dom');
    expect(s?.chain?.map((h) => h.edge)).toEqual(['registry', 'banners', '0', 'el']);
    await page.close();
  });

  test('a page that replaced a built-in the walker needs is refused clearly, not walked unsafely', async () => {
    const page = await openPage(session, 'leaks/cell-index.html');
    const t = await guardedTransportFor(page);
    await t.send('Runtime.evaluate', { expression: 'Reflect.ownKeys = Object.getOwnPropertyNames; 0' });
    await expect(scan(t)).rejects.toMatchObject({ name: 'ScanError', reason: 'tampered' });
    await page.close();
  });

  test('progress is reported and Cancel works', async () => {
    const page = await openPage(session, 'leaks/cell-index.html');
    const t = await guardedTransportFor(page);
    const phases: string[] = [];
    const ac = new AbortController();
    const p = scan(t, {
      signal: ac.signal,
      onProgress: (x) => {
        phases.push(x.phase);
        if (x.phase === 'roots') ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'ScanError', reason: 'aborted' });
    expect(phases).toContain('gc');
    const full: string[] = [];
    await scan(t, { onProgress: (x) => full.push(x.phase) });
    expect(full).toEqual(expect.arrayContaining(['gc', 'detached', 'roots', 'search', 'done']));
    await page.close();
  });

  test('a page navigating mid-scan stops with a clear error', async () => {
    const page = await openPage(session, 'leaks/dialog-listener.html');
    const inner = await guardedTransportFor(page);
    let navigated = false;
    const t = {
      async send<T>(method: string, params?: Record<string, unknown>): Promise<T> {
        if (method === 'Runtime.globalLexicalScopeNames' && !navigated) {
          navigated = true;
          await page.goto(session.server.url('leaks/clean-app.html'));
        }
        return inner.send<T>(method, params);
      },
    };
    await expect(scan(t)).rejects.toMatchObject({ name: 'ScanError', reason: 'navigated' });
    await page.close();
  });

  test('after a scan the tool holds nothing: dropped nodes become collectable', async () => {
    const { page, t, result } = await scanPage('cell-index.html');
    expect(result.detached).toHaveLength(1);
    await page.evaluate('cellIndex.clear()');
    // Whatever the tool still held survives a precise GC too; a stale stack word in the listing's own GC does not
    // (once in a fresh-clone run under load the listing still had the whole tree, as in truth-apps' proven case).
    await collectPrecisely(page);
    const after = await t.send<{ detachedNodes: unknown[] }>('DOM.getDetachedDomNodes');
    expect(after.detachedNodes).toEqual([]);
    await page.close();
  });

  test('a budget too small to find the chain says so instead of guessing', async () => {
    const page = await openPage(session, 'leaks/deep-global-array.html');
    const t = await guardedTransportFor(page);
    const result = await scan(t, { budget: { ms: 10_000, objects: 500 } });
    expect(result.detached[0].status).toBe('budget');
    expect(result.search.budgetHit).toBe('objects');
    expect(findSuspects(result)[0].title).toContain('budget');
    await page.close();
  });
});
