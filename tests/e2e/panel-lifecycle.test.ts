import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, panelRegistered, type Session, screenshotPanel, showPanel } from './harness.ts';
import {
  extensionDebuggerAttached,
  inspectedTabId,
  listenerTabCount,
  waitForListenerCount,
} from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

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
  const tabId = await inspectedTabId(first.panel);
  expect(await extensionDebuggerAttached(session, tabId)).toBe(true);
  await first.devtools.close();
  // The service worker sees the panel's port close and detaches.
  const deadline = Date.now() + 10_000;
  while ((await extensionDebuggerAttached(session, tabId)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  expect(await extensionDebuggerAttached(session, tabId)).toBe(false);

  const second = await showPanel(session, page);
  await second.panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
  expect(await extensionDebuggerAttached(session, tabId)).toBe(true);
  await waitForListenerCount(second.panel, 4);
  await screenshotPanel(second.panel, 'panel-reopened');
});

test('the panel follows DevTools’ dark theme, also when DevTools switched after it added the extension and before the panel was first opened', async () => {
  const page = await openPage(session, 'demo/index.html');
  const devtools = await page.openDevTools();
  // The extension is added (its devtools page runs, its panel tab exists) before the user switches the theme: the
  // panel's own themeName then still says light, and the change event went out before the panel existed.
  await panelRegistered(session, devtools);
  await devtools.evaluate(`(async () => {
    const Common = await import('./core/common/common.js');
    Common.Settings.Settings.instance().moduleSetting('ui-theme').set('dark');
  })()`);
  const { panel } = await showPanel(session, page);
  // The devtools page heard the change and tells the panel when it asks (panel/theme-relay.ts).
  await panel.waitForFunction(() => document.documentElement.dataset.theme === 'dark', { timeout: 10_000 });
  const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  await screenshotPanel(panel, 'panel-dark');
});
