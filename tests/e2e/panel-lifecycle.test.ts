import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const listenerTabCount = (panel: Frame) =>
  panel.$eval('[role="tab"][data-tab="listeners"] .ls-count', (el) =>
    Number(el.textContent?.replace(/,/g, '')),
  );

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

/**
 * Whether a Leakscope debugger session is attached to the tab of `page`. getTargets() cannot tell (it also
 * counts puppeteer and DevTools), so the service worker tries to attach itself: that fails only while an
 * extension session is attached; a successful probe is detached again at once.
 */
async function extensionDebuggerAttached(page: Page): Promise<boolean> {
  const sw = await session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  );
  const worker = await sw.worker();
  return worker!.evaluate(async (url: string) => {
    const tab = (await chrome.debugger.getTargets()).find((t) => t.url === url && t.tabId !== undefined);
    if (!tab?.tabId) throw new Error(`no tab for ${url}`);
    try {
      await chrome.debugger.attach({ tabId: tab.tabId }, '1.3');
    } catch (e) {
      if (/already attached/i.test(String(e))) return true;
      throw e;
    }
    await chrome.debugger.detach({ tabId: tab.tabId });
    return false;
  }, page.url());
}

test('registrations follow reloads and navigations: each document starts fresh, nothing is counted twice', async () => {
  const page = await openPage(session, 'panel/registrations.html');
  const { panel } = await showPanel(session, page);
  // registrations.js adds 4 listeners; none of the fixture pages' listeners survive a reload.
  await waitForListenerCount(panel, 4);
  await page.evaluate('addMore(3)');
  await waitForListenerCount(panel, 7);
  await page.reload({ waitUntil: 'load' });
  await waitForListenerCount(panel, 4);
  await page.goto(session.server.url('panel/weakref.html'), { waitUntil: 'load' });
  await waitForListenerCount(panel, 0);
  expect(await listenerTabCount(panel)).toBe(0);
  // Counters keep sampling across navigations.
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
});

test('closing DevTools detaches the debugger; reopening attaches again', async () => {
  const page = await openPage(session, 'panel/registrations.html');
  const first = await showPanel(session, page);
  await first.panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  expect(await extensionDebuggerAttached(page)).toBe(true);
  await first.devtools.close();
  // The service worker sees the panel's port close and detaches.
  const deadline = Date.now() + 10_000;
  while ((await extensionDebuggerAttached(page)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  expect(await extensionDebuggerAttached(page)).toBe(false);

  const second = await showPanel(session, page);
  await second.panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
  expect(await extensionDebuggerAttached(page)).toBe(true);
  await waitForListenerCount(second.panel, 4);
  await screenshotPanel(second.panel, 'panel-reopened');
});

test('the panel follows DevTools’ dark theme', async () => {
  const page = await openPage(session, 'demo/index.html');
  const devtools = await page.openDevTools();
  await devtools.waitForFunction(`(async () => {
    const Common = await import('./core/common/common.js');
    return Common.Settings.Settings.hasInstance();
  })()`);
  await devtools.evaluate(`(async () => {
    const Common = await import('./core/common/common.js');
    Common.Settings.Settings.instance().moduleSetting('ui-theme').set('dark');
  })()`);
  const { panel } = await showPanel(session, page);
  expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  await screenshotPanel(panel, 'panel-dark');
});
