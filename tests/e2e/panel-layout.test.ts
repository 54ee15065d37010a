/**
 * The panel at every width people dock DevTools at — 360 px to a full screen — in DevTools' light and dark themes:
 * every toolbar command stays reachable (in the toolbar or its » menu), nothing scrolls sideways, summaries stay on
 * one line. One browser; the window is resized rather than relaunched. Screenshots of each view at each width and
 * theme land in tests/artifacts/panel-layout-<theme>-<width>-<view>.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { openHeapSession } from './heap-capture.ts';
import { openTab, press, pressScan, setDevToolsTheme } from './panel-helpers.ts';

let session: Session;
let page: Page;
let devtools: Page;
let panel: Frame;
let browserCdp: CDPSession;
let windowId: number;
let dir: string;

const WIDTHS = [360, 500, 900, 1400];
const VIEWS = ['overview', 'suspects', 'listeners', 'images', 'audit', 'snapshots'] as const;
/** Every command of the main toolbar, by its accessible name, while an audit is not recording. */
const COMMANDS = [
  'Scan',
  'Force GC',
  'Start audit',
  'Import',
  'Export JSON',
  'Export HTML',
  'Export Markdown',
  'Redact exports',
  'Reload and record',
];

async function resize(width: number): Promise<void> {
  await browserCdp.send('Browser.setWindowBounds', { windowId, bounds: { width, height: 900 } });
  await panel.waitForFunction((w: number) => Math.abs(innerWidth - w) <= 2, { timeout: 10_000 }, width);
  // Two frames: ResizeObservers fire, the toolbar and grids refit, the result is painted.
  await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The names of the toolbar's visible commands and of the entries of the menus it offers (Export ▾, »). */
async function reachableCommands(): Promise<string[]> {
  const names = await panel.$$eval('[role="toolbar"] > button:not([aria-haspopup])', (bs) =>
    bs.map((b) => b.textContent?.trim() ?? ''),
  );
  const openers = await panel.$$('[role="toolbar"] > button[aria-haspopup="menu"]');
  for (const opener of openers) {
    await opener.evaluate((el) => (el as HTMLElement).click());
    const menu = await panel.waitForSelector('[role="menu"]');
    names.push(
      ...(await menu!.$$eval('[role^="menuitem"]', (items) =>
        items.map((i) => i.getAttribute('aria-label') ?? i.textContent?.replace('✓', '').trim() ?? ''),
      )),
    );
    await menu!.evaluate((m) =>
      m.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
    );
    await panel.waitForFunction(() => !document.querySelector('[role="menu"]'));
  }
  return names;
}

/** What a user would see as broken at this width. */
async function layoutProblems(view: string): Promise<string[]> {
  return panel.evaluate((v: string) => {
    const problems: string[] = [];
    const overflowsX = (el: Element | null) => !!el && el.scrollWidth > el.clientWidth + 1;
    if (overflowsX(document.querySelector('[role="toolbar"]'))) problems.push('the toolbar scrolls sideways');
    if (overflowsX(document.querySelector('.ls-tabs'))) problems.push('the tab strip scrolls sideways');
    if (document.documentElement.scrollWidth > innerWidth + 1) problems.push('the panel scrolls sideways');
    const bar = document.querySelector('.ls-view-toolbar');
    if (bar && bar.scrollHeight > bar.clientHeight + 1) problems.push(`${v}: the view toolbar wraps`);
    const summary = document.querySelector<HTMLElement>('.ls-view-toolbar .ls-summary');
    if (summary) {
      if (summary.getClientRects().length !== 1 || summary.offsetHeight > 20)
        problems.push(`${v}: the summary is not one line`);
      if (overflowsX(summary) && !summary.title.startsWith(summary.textContent ?? ''))
        problems.push(`${v}: a cut summary has no full-text tooltip`);
    }
    for (const body of document.querySelectorAll('.ls-grid-body'))
      if (overflowsX(body))
        problems.push(`${v}: the grid ${body.parentElement?.getAttribute('aria-label')} scrolls sideways`);
    return problems;
  }, view);
}

async function expandFirstSuspect(): Promise<void> {
  await panel.$$eval('[aria-label="Suspects"] [role="row"][aria-expanded="false"]', (rows) => {
    rows[0]?.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  });
  await panel.waitForSelector('[aria-label="Suspects"] [data-child="true"]');
}

beforeAll(async () => {
  session = await launch();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-layout-'));
  // A real heap snapshot for the Snapshots view, taken through puppeteer's own CDP session.
  const fixture = await openPage(session, 'heap/detached-table.html');
  const heap = await openHeapSession(fixture);
  const file = join(dir, 'detached-table.heapsnapshot');
  await heap.capture(file);
  await heap.close();
  await fixture.close();

  page = await openPage(session, 'demo/index.html');
  await page.evaluate(() => {
    for (const id of [
      'dialog',
      'dialog',
      'cell-index',
      'accidental-global',
      'oversized-image',
      'forgotten-interval',
    ])
      document.getElementById(id)!.click();
  });
  ({ devtools, panel } = await showPanel(session, page));
  browserCdp = await session.browser.target().createCDPSession();
  const targetId = (page.target() as unknown as { _targetId: string })._targetId;
  ({ windowId } = (await browserCdp.send('Browser.getWindowForTarget', { targetId })) as {
    windowId: number;
  });

  await pressScan(panel);
  await press(panel, 'Start audit');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes('baseline + 0'),
    { timeout: 60_000 },
  );
  for (let i = 1; i <= 2; i++) {
    await page.evaluate(() => document.getElementById('dialog')!.click());
    await press(panel, 'Mark iteration');
    await panel.waitForFunction(
      (n: number) =>
        document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes(`baseline + ${n}`),
      { timeout: 60_000 },
      i,
    );
  }
  await press(panel, 'Finish audit');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes('Finished'),
    { timeout: 60_000 },
  );
  await openTab(panel, 'snapshots');
  const input = (await panel.waitForSelector(
    'input[type="file"]:not([data-testid])',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await panel.waitForSelector('[data-testid="snapshot-summary"]', { timeout: 60_000 });
});

afterAll(async () => {
  await session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('from 360 px to full screen, light and dark: every command reachable, nothing scrolls sideways, summaries on one line', async () => {
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setDevToolsTheme(devtools, theme);
    await panel.waitForFunction(
      (t: string) => document.documentElement.dataset.theme === t,
      { timeout: 10_000 },
      theme,
    );
    for (const view of VIEWS) {
      await resize(1400);
      await openTab(panel, view);
      if (view === 'suspects') await expandFirstSuspect();
      for (const width of WIDTHS) {
        await resize(width);
        // The selected view's tab stays in the strip at any width.
        expect(await panel.$(`[role="tab"][data-tab="${view}"][aria-selected="true"]`)).not.toBeNull();
        problems.push(...(await layoutProblems(view)).map((p) => `${theme} ${width}px: ${p}`));
        await screenshotPanel(panel, `panel-layout-${theme}-${width}-${view}`);
      }
    }
  }
  expect(problems).toEqual([]);

  // Commands: at every width each one is in the toolbar or in one of its menus.
  for (const width of WIDTHS) {
    await resize(width);
    expect((await reachableCommands()).sort(), `${width}px`).toEqual([...COMMANDS].sort());
  }
  await resize(360);
  // At 360 px some commands did move into the » menu, and Scan, the first, did not.
  expect(await panel.$('[data-testid="toolbar-overflow"]')).not.toBeNull();
  expect(await panel.$('[role="toolbar"] > button.ls-primary')).not.toBeNull();
  // An entry chosen from the » menu acts: Redact exports is checked when the menu opens again.
  const redact = async () => {
    await panel.$eval('[data-testid="toolbar-overflow"]', (b) => (b as HTMLElement).click());
    return (await panel.waitForSelector('[role="menu"] ::-p-aria(Redact exports)'))!;
  };
  expect(await (await redact()).evaluate((el) => el.getAttribute('aria-checked'))).toBe('false');
  await (await redact()).evaluate((el) => (el as HTMLElement).click());
  expect(await (await redact()).evaluate((el) => el.getAttribute('aria-checked'))).toBe('true');
  await (await redact()).evaluate((el) => (el as HTMLElement).click());
  await resize(1400);
});
