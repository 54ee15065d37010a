/**
 * Chrome's real infobar "“Leakscope” started debugging this browser [Cancel]", pressed as a user would.
 *
 * The other e2e tests pass --silent-debugger-extension-api, which hides the infobar. Here Chromium runs headful on
 * a private Xvfb display without that switch, and the Cancel button (browser UI, not web content: puppeteer
 * cannot click it) is reached with the keyboard through X: Shift+F6 moves focus from the page to the previous
 * pane in Chromium's pane cycle, which is the infobar with its Cancel button focused; Space presses it.
 */
import { execFileSync } from 'node:child_process';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { extensionDebuggerAttached } from './panel-helpers.ts';
import { startXvfb, type Xvfb } from './xvfb.ts';

let xvfb: Xvfb;
let session: Session;
beforeAll(async () => {
  xvfb = await startXvfb();
  session = await launch({ display: xvfb.display, silentDebugger: false });
});
afterAll(async () => {
  await session?.close();
  await xvfb?.close();
});

/** Real X keyboard input (XTEST) to the focused window; .ci/run installs xdotool. */
function xdotool(...args: string[]): void {
  execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: xvfb.display }, timeout: 10_000 });
}

/** Keyboard focus into `page`, then Shift+F6 to the infobar (its Cancel button takes focus), then Space. */
async function pressInfobarCancel(page: Page): Promise<void> {
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus(), { timeout: 5_000, polling: 100 });
  xdotool('key', '--clearmodifiers', 'shift+F6');
  await new Promise((r) => setTimeout(r, 300));
  xdotool('key', 'space');
}

/** Records the chrome.debugger.onDetach reasons for the panel's own tab in `window.detachEvents`. */
const recordDetaches = (panel: Frame) =>
  panel.evaluate(() => {
    const w = window as unknown as { detachEvents: string[] };
    w.detachEvents = [];
    chrome.debugger.onDetach.addListener((source, reason) => {
      if (source.tabId === chrome.devtools.inspectedWindow.tabId) w.detachEvents.push(String(reason));
    });
  });

const detachEvents = (panel: Frame) =>
  panel.evaluate(() => (window as unknown as { detachEvents: string[] }).detachEvents);

const RENDERER_COUNTERS = ['nodes', 'jsEventListeners', 'documents', 'frames', 'jsHeapUsed'];

/** What each Overview card shows: its value text, whether it is marked paused, and its delta line. */
const cards = (panel: Frame) =>
  panel.$$eval('[data-counter]', (els) =>
    Object.fromEntries(
      els.map((el) => [
        (el as HTMLElement).dataset.counter,
        {
          value: el.querySelector('.ls-counter-value')?.textContent ?? '',
          paused: el.querySelector('.ls-counter-value')?.hasAttribute('data-paused') ?? false,
          delta: el.querySelector('.ls-delta')?.textContent ?? '',
        },
      ]),
    ),
  );

const status = (panel: Frame) =>
  panel.$eval('[data-testid="status"]', (el) => ({
    text: el.textContent ?? '',
    level: (el as HTMLElement).dataset.level,
  }));

test('pressing Cancel on Chrome’s infobar: the panel says debugging was cancelled, pauses Chrome’s counters and re-attaches on the next Scan', async () => {
  const page = await openPage(session, 'lifecycle/a.html');
  const { panel, devtools } = await showPanel(session, page);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
  // A couple of samples, so that Chrome's counters have values the panel could go on showing.
  await panel.waitForFunction(
    () =>
      Number(document.querySelector<HTMLElement>('[data-counter="nodes"] .ls-counter-value')?.dataset.value) >
      0,
    { timeout: 10_000 },
  );
  const tabId = await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId);
  await recordDetaches(panel);

  await pressInfobarCancel(page);

  await panel.waitForFunction(
    () => (window as unknown as { detachEvents: string[] }).detachEvents.length > 0,
    { timeout: 10_000 },
  );
  expect(await panel.evaluate(() => (window as unknown as { detachEvents: string[] }).detachEvents)).toEqual([
    'canceled_by_user',
  ]);

  // What the user sees: a clear status and notice, and no Chrome counter shown as if it were current.
  await panel.waitForSelector('[data-counter="nodes"] .ls-counter-value[data-paused]', { timeout: 5_000 });
  // Sampling goes on at 1 Hz; wait for a few rounds to show the panel neither re-attaches nor un-pauses by itself.
  await new Promise((r) => setTimeout(r, 2_500));
  const s = await status(panel);
  expect(s.text).toMatch(/debugging cancelled/i);
  expect(s.level).toBe('error');
  expect(await panel.$eval('.ls-notice', (el) => el.textContent)).toMatch(
    /cancelled from Chrome’s infobar.*re-attaches on your next action/,
  );
  const paused = await cards(panel);
  for (const id of RENDERER_COUNTERS) {
    expect(paused[id], id).toMatchObject({ value: '—', paused: true });
    expect(paused[id].delta, id).toMatch(/^paused, last \S/);
  }
  // The page hook's counters do not need the debugger and stay live.
  expect(paused.listeners).toMatchObject({ value: '3', paused: false });
  expect(await extensionDebuggerAttached(session, tabId)).toBe(false);
  await screenshotPanel(panel, 'lifecycle-infobar-cancelled');

  // The next action re-attaches: Scan works, the infobar is back, the counters are live again.
  await panel.$eval('::-p-aria(Scan)', (b) => (b as HTMLButtonElement).click());
  const done = await panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    { timeout: 60_000 },
  );
  const outcome = await done!.evaluate((el) => `${(el as HTMLElement).dataset.testid}: ${el.textContent}`);
  expect(outcome).not.toMatch(/^scan-error/);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
  await panel.$eval('[role="tab"][data-tab="overview"]', (t) => (t as HTMLElement).click());
  await panel.waitForSelector('[data-counter="nodes"]');
  await panel.waitForFunction(
    () =>
      !document.querySelector('.ls-counter-value[data-paused]') &&
      !/cancelled/.test(document.body.textContent ?? ''),
    { timeout: 5_000 },
  );
  const live = await cards(panel);
  for (const id of RENDERER_COUNTERS) expect(live[id].value, id).not.toBe('—');
  expect(await extensionDebuggerAttached(session, tabId)).toBe(true);
  await devtools.close();
});

test('Cancel while a Scan runs, with panels on two tabs: both panels pause, the scan ends with a clear message, and nothing is frozen', async () => {
  // Two sites, so that page B's renderer can be busy while page A takes the keyboard.
  const pageA = await openPage(session, 'lifecycle/a.html');
  const pageB = await session.browser.newPage();
  await pageB.goto(session.server.url('lifecycle/b.html', 'localhost'), { waitUntil: 'load' });
  const a = await showPanel(session, pageA);
  const b = await showPanel(session, pageB);
  for (const { panel } of [a, b]) {
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
    await recordDetaches(panel);
  }
  // Page B hangs for 4 s, so that B's Scan is still waiting on it when Cancel is pressed.
  await pageB.evaluate('hang(4000)');
  await b.panel.$eval('::-p-aria(Scan)', (el) => (el as HTMLButtonElement).click());
  await b.panel.waitForFunction(
    () => /Scanning/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    { timeout: 5_000 },
  );
  await pressInfobarCancel(pageA);

  // One Cancel ends every Leakscope session: the infobar is about the browser, not one tab.
  for (const { panel } of [a, b]) {
    await panel.waitForFunction(
      () => (window as unknown as { detachEvents: string[] }).detachEvents.length > 0,
      { timeout: 10_000 },
    );
    expect(await detachEvents(panel)).toEqual(['canceled_by_user']);
  }
  const done = await b.panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    { timeout: 30_000 },
  );
  const outcome = await done!.evaluate((el) => `${(el as HTMLElement).dataset.testid}: ${el.textContent}`);
  console.log(`Scan cut by the infobar's Cancel ends as: ${outcome}`);
  expect(outcome).toMatch(/^scan-error: .*cancelled from Chrome’s infobar/);
  for (const { panel } of [a, b]) {
    await panel.waitForFunction(
      () => /debugging cancelled/i.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
      { timeout: 10_000 },
    );
  }
  // Not frozen: back on tab B, Force GC re-attaches and works; A stays paused until its own next action.
  await pageB.bringToFront();
  await b.panel.$eval('[role="tab"][data-tab="overview"]', (t) => (t as HTMLElement).click());
  await b.panel.evaluate(() =>
    [...document.querySelectorAll('button')].find((el) => el.textContent === 'Force GC')?.click(),
  );
  await b.panel.waitForSelector('[data-testid="gc-result"]', { timeout: 30_000 });
  await b.panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
  expect(await a.panel.$eval('[data-testid="status"]', (el) => el.textContent)).toMatch(
    /debugging cancelled/i,
  );
  await a.devtools.close();
  await b.devtools.close();
});

test('closing the infobar with its × ends debugging too (Chromium reports it as canceled_by_user): the same paused panel', async () => {
  const page = await openPage(session, 'lifecycle/b.html');
  const { panel, devtools } = await showPanel(session, page);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
  await recordDetaches(panel);
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus(), { timeout: 5_000, polling: 100 });
  xdotool('key', '--clearmodifiers', 'shift+F6'); // the infobar, its Cancel focused
  await new Promise((r) => setTimeout(r, 300));
  xdotool('key', 'Tab'); // its close button (×), seen focused in an X screenshot
  await new Promise((r) => setTimeout(r, 300));
  xdotool('key', 'space');
  await panel.waitForFunction(
    () => (window as unknown as { detachEvents: string[] }).detachEvents.length > 0,
    { timeout: 10_000 },
  );
  expect(await detachEvents(panel)).toEqual(['canceled_by_user']);
  await panel.waitForSelector('[data-counter="nodes"] .ls-counter-value[data-paused]', { timeout: 5_000 });
  expect(await panel.$eval('[data-testid="status"]', (el) => el.textContent)).toMatch(/debugging cancelled/i);
  const tabId = await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId);
  expect(await extensionDebuggerAttached(session, tabId)).toBe(false);
  await devtools.close();
});
