/**
 * DevTools' habits, in the real panel: the theme follows DevTools live (charts included), headers sort from the
 * keyboard with aria-sort, Ctrl+F focuses the filter, suspects, chains and rows copy, and the Elements panel has a
 * "Leakscope" sidebar pane with the selected node's listeners and where they were registered.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type Session, screenshotPanel, showPanel } from './harness.ts';
import { openTab, press, pressScan, setDevToolsTheme } from './panel-helpers.ts';

let session: Session;
let page: Page;
let devtools: Page;
let panel: Frame;
const consoleErrors: string[] = [];

beforeAll(async () => {
  session = await launch();
  page = await session.browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(session.server.url('demo/index.html'), { waitUntil: 'load' });
  ({ devtools, panel } = await showPanel(session, page));
  await setDevToolsTheme(devtools, 'light');
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'light');
});
afterAll(async () => {
  await session?.close();
});

/** How many pixels of the Overview's first chart are drawn in each theme's line colour. */
async function chartColours(): Promise<{ light: number; dark: number }> {
  return panel.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-counter="nodes"] canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const near = (i: number, [r, g, b]: number[]) =>
      Math.abs(data[i] - r) < 24 &&
      Math.abs(data[i + 1] - g) < 24 &&
      Math.abs(data[i + 2] - b) < 24 &&
      data[i + 3] > 200;
    let light = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, [26, 115, 232])) light++;
      if (near(i, [138, 180, 248])) dark++;
    }
    return { light, dark };
  });
}

/** Copies through the panel's own path and returns what it put on the clipboard (read in the copy event). */
async function captureCopy(act: () => Promise<void>): Promise<string> {
  await panel.evaluate(() => {
    const w = window as unknown as { copied: string | null };
    w.copied = null;
    addEventListener(
      'copy',
      (e) => (w.copied = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? ''),
      {
        once: true,
      },
    );
  });
  await act();
  await panel.waitForFunction(() => (window as unknown as { copied: string | null }).copied !== null);
  return panel.evaluate(() => (window as unknown as { copied: string }).copied);
}

const key = (selector: string, init: KeyboardEventInit) =>
  panel.$eval(
    selector,
    (el, i) => {
      (el as HTMLElement).focus();
      el.dispatchEvent(
        new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...(i as KeyboardEventInit) }),
      );
    },
    init,
  );

test('the demo page loads without a console error (no /favicon.ico 404)', async () => {
  await new Promise((r) => setTimeout(r, 500));
  expect(consoleErrors).toEqual([]);
});

test('switching DevTools to dark and back re-themes the panel and its charts at once', async () => {
  await openTab(panel, 'overview');
  // The chart needs a few samples to draw a line.
  await panel.waitForFunction(() => !!document.querySelector('[data-counter="nodes"] canvas'));
  await new Promise((r) => setTimeout(r, 2500));
  const before = await chartColours();
  expect(before.light).toBeGreaterThan(0);
  expect(before.dark).toBe(0);
  await setDevToolsTheme(devtools, 'dark');
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'dark', { timeout: 10_000 });
  expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(40, 40, 40)');
  const after = await chartColours();
  expect(after.dark).toBeGreaterThan(0);
  expect(after.light).toBe(0);
  await setDevToolsTheme(devtools, 'light');
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'light', { timeout: 10_000 });
});

test('headers sort from the keyboard (Enter, Space) with aria-sort, and Ctrl+F focuses the filter', async () => {
  await page.evaluate(() => {
    for (const id of ['dialog', 'dialog', 'forgotten-interval']) document.getElementById(id)!.click();
  });
  await openTab(panel, 'listeners');
  await panel.waitForSelector('[aria-label="Listeners"] [role="row"][data-type="resize"]');
  const header = '[aria-label="Listeners"] [role="columnheader"][data-column="type"]';
  await panel.waitForSelector(header);
  const events = () =>
    panel.$$eval('[aria-label="Listeners"] [role="row"][aria-rowindex]:not([data-child])', (rows) =>
      rows.map((r) => r.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ''),
    );
  expect(
    await panel.$eval(header, (h) => [h.getAttribute('aria-sort'), (h as HTMLElement).tabIndex]),
  ).toEqual(['none', 0]);
  await key(header, { key: 'Enter' });
  expect(await panel.$eval(header, (h) => h.getAttribute('aria-sort'))).toBe('ascending');
  const up = await events();
  expect(up).toEqual([...up].sort());
  expect(new Set(up).size).toBeGreaterThan(1);
  await key(header, { key: ' ' });
  expect(await panel.$eval(header, (h) => h.getAttribute('aria-sort'))).toBe('descending');
  expect(await events()).toEqual([...up].sort().reverse());

  await key(header, { key: 'f', ctrlKey: true });
  expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
    'Filter listeners',
  );
});

test('copy: a suspect as Markdown (Ctrl+C), its chain as text (context menu), a row as tab-separated text', async () => {
  await pressScan(panel);
  const row = '[aria-label="Suspects"] [role="row"][data-kind="listener"]';
  await panel.waitForSelector(row);
  await panel.$eval(row, (r) => (r as HTMLElement).click());
  const md = await captureCopy(() =>
    key('[aria-label="Suspects"][role="grid"]', { key: 'c', ctrlKey: true }),
  );
  expect(md).toMatch(/^### .*'resize' listener/);
  expect(md).toContain('closure variable dlg');
  expect(md).toContain('**Fix:**');
  expect(md).toMatch(
    /\*\*Defined at:\*\* `http:\/\/127\.0\.0\.1:\d+\/demo\/leaks\.js:\d+:\d+(?: in [\w$]+\(\))?`/,
  );

  // Right-click a hop of the expanded chain: Copy chain gives one hop per line, root first.
  await panel.$eval(row, (r) => r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
  const hop = await panel.waitForSelector('[aria-label="Suspects"] [data-child="true"]');
  await hop!.evaluate((h) =>
    h.dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 40, clientY: 120 }),
    ),
  );
  const item = await panel.waitForSelector('[role="menu"] ::-p-aria(Copy chain)');
  const chain = await captureCopy(() => item!.evaluate((el) => (el as HTMLElement).click()));
  const lines = chain.split('\n');
  expect(lines[0]).toBe('window');
  expect(lines.some((l) => l.startsWith('closure variable dlg → '))).toBe(true);
  expect(await panel.$('[role="menu"]')).toBeNull();

  // A Listeners row: Ctrl+C copies its cells, tab-separated.
  await openTab(panel, 'listeners');
  const listener = '[aria-label="Listeners"] [role="row"][data-type="resize"]';
  await panel.$eval(listener, (r) => (r as HTMLElement).click());
  const tsv = await captureCopy(() =>
    key('[aria-label="Listeners"][role="grid"]', { key: 'c', ctrlKey: true }),
  );
  expect(tsv.split('\t').slice(0, 3)).toEqual(['window', 'resize', expect.stringMatching(/^\d+$/)]);
});

test('the Elements sidebar pane shows the selected node’s listeners with their registration callsites', async () => {
  // Callsites are recorded from the first script on once the panel asked for it.
  await press(panel, 'Reload and record');
  await page.waitForNavigation({ waitUntil: 'load' }).catch(() => {});
  // The demo's six buttons register their click listeners from its first script.
  await panel.waitForFunction(
    () =>
      Number(document.querySelector('[data-tab="listeners"] .ls-count')?.textContent?.replace(/,/g, '')) >= 6,
    { timeout: 30_000 },
  );
  await panel.evaluate(
    () =>
      new Promise((done) =>
        (chrome.devtools.inspectedWindow.eval as (e: string, o: object, cb: (r: unknown) => void) => void)(
          'inspect(document.getElementById("dialog"))',
          {},
          done,
        ),
      ),
  );
  await devtools.evaluate(`(async () => {
    const Elements = await import('./panels/elements/elements.js');
    Elements.ElementsPanel.ElementsPanel.instance().sidebarPaneView.tabbedPane().selectTab('leakscope');
  })()`);
  const pane = await devtools.waitForFrame((f) => f.url().endsWith('/panel/sidebar.html'), {
    timeout: 20_000,
  });
  await pane.waitForFunction(
    () => document.querySelector('[data-testid="pane-node"]')?.textContent === '<button#dialog>',
    { timeout: 20_000, polling: 100 },
  );
  const listeners = await pane.waitForSelector('[data-testid="pane-listeners"] tr[data-type="click"]');
  const text = await listeners!.evaluate((tr) => tr.textContent ?? '');
  expect(text).toMatch(/demo\/leaks\.js:46:\d+/);
  await screenshotPanel(pane, 'elements-pane');
  // After a scan the pane says, for that scan, whether the node is on a leak's chain.
  const scanAt = () =>
    pane.$eval('[data-testid="pane-scan"]', (el) => (el as HTMLElement).dataset.scanAt ?? '');
  const before = await scanAt();
  await devtools.evaluate(`DevToolsAPI.showPanel('chrome-extension://${session.extensionId}Leakscope')`);
  await pressScan(panel);
  await pane.waitForFunction(
    (b: string) => {
      const el = document.querySelector<HTMLElement>('[data-testid="pane-scan"]');
      return (
        !!el?.dataset.scanAt &&
        el.dataset.scanAt !== b &&
        /found this node on no leak/.test(el.textContent ?? '')
      );
    },
    { timeout: 20_000, polling: 100 },
    before,
  );
  // Selecting another node in Elements updates the pane.
  await panel.evaluate(
    () =>
      new Promise((done) =>
        (chrome.devtools.inspectedWindow.eval as (e: string, o: object, cb: (r: unknown) => void) => void)(
          'inspect(document.getElementById("cell-index"))',
          {},
          done,
        ),
      ),
  );
  await pane.waitForFunction(
    () => document.querySelector('[data-testid="pane-node"]')?.textContent === '<button#cell-index>',
    { timeout: 20_000, polling: 100 },
  );
});
