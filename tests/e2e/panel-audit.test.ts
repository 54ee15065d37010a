import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { chooseFromMenu, press } from './panel-helpers.ts';

let session: Session;
let downloads: string;
beforeAll(async () => {
  session = await launch();
  downloads = mkdtempSync(join(tmpdir(), 'leakscope-downloads-'));
  const browserCdp = await session.browser.target().createCDPSession();
  await browserCdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
});
afterAll(async () => {
  await session?.close();
  rmSync(downloads, { recursive: true, force: true });
});

async function summaryContains(panel: Frame, text: string): Promise<void> {
  await panel.waitForFunction(
    (t: string) => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes(t),
    { timeout: 60_000, polling: 100 },
    text,
  );
}

async function iterations(panel: Frame): Promise<string> {
  return panel.$eval('[data-testid="audit-summary"]', (el) => el.textContent ?? '');
}

async function audit(page: Page, panel: Frame, times: number): Promise<void> {
  await press(panel, 'Start audit');
  await summaryContains(panel, 'baseline + 0 iterations');
  for (let i = 1; i <= times; i++) {
    await page.evaluate(() => {
      document.getElementById('open')!.click();
      (document.querySelector('section.dialog:last-of-type .close') as HTMLElement).click();
    });
    await press(panel, 'Mark iteration');
    await summaryContains(panel, `baseline + ${i} iteration`);
  }
  await press(panel, 'Finish audit');
  await summaryContains(panel, 'Finished');
  expect(await iterations(panel)).toMatch(new RegExp(`^Finished · baseline \\+ ${times} iterations`));
}

async function growthRows(panel: Frame) {
  return panel.$$eval('[aria-label="Audit growth"] [role="row"][data-key]', (rows) =>
    rows.map((r) => ({
      key: (r as HTMLElement).dataset.key ?? '',
      steady: (r as HTMLElement).dataset.steady === 'true',
      cells: [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? ''),
    })),
  );
}

async function waitForDownload(ext: string, before: Set<string>): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const file = readdirSync(downloads).find((f) => f.endsWith(`.${ext}`) && !before.has(f));
    if (file && existsSync(join(downloads, file))) return join(downloads, file);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no .${ext} download`);
}

test('an audit of a leaky dialog shows +1 listener and +1 detached tree per iteration, ranked first; the export re-imports', async () => {
  const page = await openPage(session, 'audit/leaky-dialog.html');
  const { panel } = await showPanel(session, page);
  await audit(page, panel, 5);
  const rows = await growthRows(panel);
  const steady = rows.filter((r) => r.steady);
  // Steady rows come first, and the first one is a suspect.
  expect(rows.slice(0, steady.length).every((r) => r.steady)).toBe(true);
  expect(steady[0]?.key).toMatch(/^suspect:/);
  const byKey = (k: string) => rows.find((r) => r.key === k);
  expect(byKey('listeners:resize')?.steady).toBe(true);
  expect(byKey('listeners:resize')?.cells[3]).toBe('+1');
  expect(byKey('detachedTrees')?.steady).toBe(true);
  expect(byKey('detachedTrees')?.cells[4]).toBe('0 → 1 → 2 → 3 → 4 → 5');
  await screenshotPanel(panel, 'panel-audit');

  // Export JSON → Import shows the same suspects.
  const before = new Set(readdirSync(downloads));
  await chooseFromMenu(panel, 'Export', 'Export JSON');
  const json = await waitForDownload('json', before);
  expect(json).toMatch(/leakscope-127\.0\.0\.1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
  const exported = JSON.parse(readFileSync(json, 'utf8'));
  expect(exported.kind).toBe('leakscope-report');
  expect(exported.audit.iterations).toHaveLength(6);
  const input = (await panel.waitForSelector(
    '[data-testid="import-input"]',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(json);
  await panel.waitForSelector('[data-testid="report-summary"]');
  const imported = await panel.$$eval(
    '[aria-label="Report suspects"] [role="row"][aria-rowindex]',
    (r) => r.length,
  );
  expect(imported).toBe(exported.suspects.length);
  expect(imported).toBeGreaterThan(0);

  // The HTML export is self-contained and inert.
  const beforeHtml = new Set(readdirSync(downloads));
  await chooseFromMenu(panel, 'Export', 'Export HTML');
  const html = readFileSync(await waitForDownload('html', beforeHtml), 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('closure variable');
});

async function auditSuspectRows(panel: Frame) {
  return panel.$$eval('[aria-label="Audit suspects"] [role="row"][data-severity]', (rows) =>
    rows.map((r) => ({
      severity: (r as HTMLElement).dataset.severity ?? '',
      growing: (r as HTMLElement).dataset.growing === 'true',
      cells: [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? ''),
    })),
  );
}

test('the Audit tab ranks the suspect that grows every iteration above an as severe one that stays constant', async () => {
  const page = await openPage(session, 'audit/leaky-dialog-and-table.html');
  const { panel } = await showPanel(session, page);
  await audit(page, panel, 3);
  // The resize listener holding each dialog, and the close button's click listener left on each removed dialog.
  expect(await iterations(panel)).toContain('2 growing suspects');
  const rows = await auditSuspectRows(panel);
  expect(rows.map((r) => r.growing)).toEqual([true, true, false]);
  expect(rows[0]).toMatchObject({ severity: 'medium', growing: true });
  expect(rows[0].cells[1]).toMatch(/^A 'resize' listener on window keeps a removed <section/);
  expect(rows[0].cells[2]).toBe('0 → 1 → 2 → 3');
  // The ~200-node table kept once (never attached): reported, ranked below the growth although as severe.
  const table = rows.findIndex((r) => /^Detached <table> \(202 nodes\)/.test(r.cells[1]));
  expect(table).toBeGreaterThan(0);
  expect(rows[table]).toMatchObject({ severity: 'medium', growing: false });
  expect(rows[table].cells[2]).toBe('—');
  await screenshotPanel(panel, 'panel-audit-growth-first');
});

test('the same audit of a dialog that cleans up shows no steady growth', async () => {
  const page = await openPage(session, 'audit/clean-dialog.html');
  const { panel } = await showPanel(session, page);
  await audit(page, panel, 3);
  const rows = await growthRows(panel);
  expect(rows.filter((r) => r.steady).map((r) => r.key)).toEqual([]);
  expect(await iterations(panel)).toContain('0 growing suspects');
});

test('an audit survives closing and reopening the panel on the same tab', async () => {
  const page = await openPage(session, 'audit/leaky-dialog.html');
  const first = await showPanel(session, page);
  await press(first.panel, 'Start audit');
  await summaryContains(first.panel, 'baseline + 0 iterations');
  await first.devtools.close();
  const second = await showPanel(session, page);
  await (await second.panel.waitForSelector('[data-tab="audit"]'))!.evaluate((el) =>
    (el as HTMLElement).click(),
  );
  await second.panel.waitForSelector('[data-testid="audit-summary"]', { timeout: 10_000 });
  expect(await iterations(second.panel)).toContain('Recording');
  await second.panel.waitForSelector('::-p-aria(Mark iteration)');
});
