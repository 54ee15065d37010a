/**
 * file:// pages with and without the extension's "Allow access to file URLs" switch (chrome://extensions →
 * Leakscope → Details). Facts checked here on Chromium 156: the switch is on by default for an extension given
 * with --load-extension; with it off, DevTools offers no Leakscope tab on a file:// page, no content script runs
 * there, and chrome.debugger.attach fails with "Cannot navigate to a file URL without local file access."
 */
import { pathToFileURL } from 'node:url';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, ROOT, type Session, screenshotPanel, showPanel } from './harness.ts';

const fileUrl = (path: string) => pathToFileURL(`${ROOT}/tests/fixtures/pages/${path}`).href;

async function workerOf(session: Session) {
  const sw = await session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  );
  return (await sw.worker())!;
}

const fileAccessAllowed = async (session: Session) =>
  (await workerOf(session)).evaluate(() => chrome.extension.isAllowedFileSchemeAccess());

async function waitForListenerCount(panel: Frame, n: number): Promise<void> {
  await panel.waitForFunction(
    (want: number) =>
      Number(
        document
          .querySelector('[role="tab"][data-tab="listeners"] .ls-count')
          ?.textContent?.replace(/,/g, ''),
      ) === want,
    { timeout: 20_000 },
    n,
  );
}

/** Whether DevTools (open on some page) has registered the Leakscope panel, once it had time to. */
async function devtoolsOffersPanel(session: Session, devtools: import('puppeteer-core').Page) {
  const id = `chrome-extension://${session.extensionId}Leakscope`;
  const probe = `(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
    return { ready: !!view, has: view?.hasPanel?.(${JSON.stringify(id)}) === true };
  })()`;
  await devtools.waitForFunction(`${probe}.then((r) => r.ready)`, { timeout: 20_000, polling: 100 });
  // The panel of an allowed page registers within a second (see showPanel); give it more than that.
  await new Promise((r) => setTimeout(r, 2_500));
  return ((await devtools.evaluate(probe)) as { has: boolean }).has;
}

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
    const attach = await (await workerOf(session)).evaluate(async (url: string) => {
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
