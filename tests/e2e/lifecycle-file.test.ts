/**
 * file:// pages with and without the extension's "Allow access to file URLs" switch (chrome://extensions →
 * Leakscope → Details). Facts checked here on Chromium 156: the switch is on by default for an extension given
 * with --load-extension; with it off, DevTools offers no Leakscope tab on a file:// page, no content script runs
 * there, and chrome.debugger.attach fails with "Cannot navigate to a file URL without local file access."
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, ROOT, type Session, screenshotPanel, showPanel } from './harness.ts';
import { devtoolsOffersPanel, extensionWorker, waitForListenerCount } from './panel-helpers.ts';

const fileUrl = (path: string) => pathToFileURL(`${ROOT}/tests/fixtures/pages/${path}`).href;

const fileAccessAllowed = async (session: Session) =>
  (await extensionWorker(session)).evaluate(() => chrome.extension.isAllowedFileSchemeAccess());

describe('file access on (Chromium’s default for --load-extension)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('the switch is on by default, and on a file:// page the hook counts registrations and Scan finds the leak', async () => {
    expect(await fileAccessAllowed(session)).toBe(true);
    const page = await session.browser.newPage();
    await page.goto(fileUrl('lifecycle/file-leak.html'), { waitUntil: 'load' });
    const { panel, devtools } = await showPanel(session, page);
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
    await waitForListenerCount(panel, 2);
    await panel.$eval('::-p-aria(Scan)', (b) => (b as HTMLButtonElement).click());
    const done = await panel.waitForSelector(
      '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
      { timeout: 60_000 },
    );
    const outcome = await done!.evaluate((el) => `${(el as HTMLElement).dataset.testid}: ${el.textContent}`);
    expect(outcome).toMatch(/^scan-summary/);
    const rows = await panel.$$eval('[aria-label="Suspects"] [role="row"][data-kind]', (els) =>
      els.map((r) => `${(r as HTMLElement).dataset.kind} ${r.textContent}`),
    );
    expect(rows.join('\n')).toMatch(/^(detached-dom|listener) .*section/m);
    await devtools.close();
  });
});

describe('file access off', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch({ fileAccess: false });
  });
  afterAll(async () => {
    await session?.close();
  });

  test('DevTools opened on a file:// page offers no Leakscope tab (as on chrome:// pages), and the debugger is refused', async () => {
    expect(await fileAccessAllowed(session)).toBe(false);
    const page = await session.browser.newPage();
    await page.goto(fileUrl('lifecycle/file-leak.html'), { waitUntil: 'load' });
    const devtools = await page.openDevTools();
    expect(await devtoolsOffersPanel(session, devtools)).toBe(false);
    // What the panel would meet: Chromium's refusal, quoted by the panel's file-access help.
    const attach = await (await extensionWorker(session)).evaluate(async (url: string) => {
      const tab = (await chrome.debugger.getTargets()).find((t) => t.url === url && t.tabId !== undefined);
      if (!tab?.tabId) return 'no tab';
      try {
        await chrome.debugger.attach({ tabId: tab.tabId }, '1.3');
      } catch (e) {
        return String(e);
      }
      await chrome.debugger.detach({ tabId: tab.tabId });
      return 'attached';
    }, page.url());
    expect(attach).toMatch(/Cannot navigate to a file URL without local file access/);
    await devtools.close();
    await page.close();
  });

  test('the inspected tab goes to a file:// page with the panel open: the panel says how to allow file access, shows no stale counts, and works again back on an http page', async () => {
    const page = await openPage(session, 'lifecycle/a.html');
    const { panel, devtools } = await showPanel(session, page);
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
    await waitForListenerCount(panel, 3);

    await page.goto(fileUrl('lifecycle/file-leak.html'), { waitUntil: 'load' });
    await panel.waitForSelector('[data-testid="status"][data-level="error"]', { timeout: 10_000 });
    const status = await panel.$eval('[data-testid="status"]', (el) => el.textContent);
    expect(status).toBe('Cannot inspect this page');
    const notice = await panel.$eval('.ls-notice', (el) => el.textContent);
    expect(notice).toMatch(/chrome:\/\/extensions → Leakscope → Details.*“Allow access to file URLs”/);
    // Page A's three listeners are not shown as this page's: no content script runs on the file:// page.
    await waitForListenerCount(panel, 0);
    expect(await panel.$eval('[data-counter="listeners"] .ls-counter-value', (el) => el.textContent)).toBe(
      '0',
    );
    await screenshotPanel(panel, 'lifecycle-file-no-access');
    // Not frozen: the panel answers, and tabs switch.
    await panel.$eval('[role="tab"][data-tab="listeners"]', (t) => (t as HTMLElement).click());
    await panel.waitForSelector('[role="tab"][data-tab="listeners"][aria-selected="true"]', {
      timeout: 2_000,
    });

    // Back on an http page, the panel attaches again by itself and counts that page.
    await page.goto(session.server.url('lifecycle/b.html'), { waitUntil: 'load' });
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
    await waitForListenerCount(panel, 1);
    expect(await panel.$('.ls-notice')).toBeNull();
    await devtools.close();
  });
});
