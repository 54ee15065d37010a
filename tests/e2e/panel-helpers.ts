/**
 * What the real-panel e2e tests do again and again: press a panel button, wait for the Listeners tab's count, ask
 * Leakscope's service worker whether a debugger session is attached, check whether DevTools offers the panel, and
 * scan a page and read back the suspects as shown.
 */
import type { Frame, Page, WebWorker } from 'puppeteer-core';
import { expect } from 'vitest';
import { openPage, type Session, showPanel } from './harness.ts';

/** Leakscope's service worker (started again by Chrome if it was stopped). */
export async function extensionWorker(session: Session): Promise<WebWorker> {
  const sw = await session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  );
  return (await sw.worker())!;
}

/**
 * Whether a Leakscope debugger session is attached to `tabId`. getTargets() cannot tell (it also counts puppeteer
 * and DevTools), so the service worker tries to attach itself: that fails only while an extension session is
 * attached; a successful probe is detached again at once.
 */
export async function extensionDebuggerAttached(session: Session, tabId: number): Promise<boolean> {
  return (await extensionWorker(session)).evaluate(async (id: number) => {
    try {
      await chrome.debugger.attach({ tabId: id }, '1.3');
    } catch (e) {
      if (/already attached/i.test(String(e))) return true;
      throw e;
    }
    await chrome.debugger.detach({ tabId: id });
    return false;
  }, tabId);
}

/** The tab the panel inspects. */
export const inspectedTabId = (panel: Frame): Promise<number> =>
  panel.evaluate(() => chrome.devtools.inspectedWindow.tabId);

/** A DOM click once the button is enabled: puppeteer's input to DevTools stalls once the inspected page was driven. */
export async function press(panel: Frame, name: string): Promise<void> {
  const button = await panel.waitForSelector(`::-p-aria(${name})`);
  await panel.waitForFunction(
    (b) => !(b as HTMLButtonElement).disabled,
    { timeout: 60_000, polling: 100 },
    button,
  );
  await button!.evaluate((el) => (el as HTMLElement).click());
}

/** Selects a panel tab by its data-tab name (a DOM click, see `press`). */
export async function openTab(panel: Frame, name: string): Promise<void> {
  const tab = await panel.waitForSelector(`[role="tab"][data-tab="${name}"]`);
  await tab!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector(`[role="tab"][data-tab="${name}"][aria-selected="true"]`);
}

/** The grid's rows as text, cell by cell. */
export async function gridRows(panel: Frame): Promise<string[][]> {
  return panel.$$eval('.ls-grid-body [role="row"]', (rows) =>
    rows.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent?.trim() ?? '')),
  );
}

/** The count on the Listeners tab. */
export const listenerTabCount = (panel: Frame): Promise<number> =>
  panel.$eval('[role="tab"][data-tab="listeners"] .ls-count', (el) =>
    Number(el.textContent?.replace(/,/g, '')),
  );

export async function waitForListenerCount(panel: Frame, n: number): Promise<void> {
  await panel.waitForFunction(
    (want: number) =>
      Number(
        document
          .querySelector('[role="tab"][data-tab="listeners"] .ls-count')
          ?.textContent?.replace(/,/g, ''),
      ) === want,
    { timeout: 20_000, polling: 100 },
    n,
  );
}

/** Whether DevTools (open on some page) registered the Leakscope panel, given more time than it takes normally. */
export async function devtoolsOffersPanel(session: Session, devtools: Page): Promise<boolean> {
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

/** A suspect as the Suspects view shows it. */
export interface Shown {
  kind: string;
  severity: string;
  /** The suspect's row and its expanded chain and fix, as text. */
  text: string;
}

/** Presses Scan and waits until that scan has ended (the status said "Scanning" and no longer does). */
export async function pressScan(panel: Frame): Promise<void> {
  const scan = await panel.waitForSelector('::-p-aria(Scan)');
  await panel.waitForFunction((b) => !(b as HTMLButtonElement).disabled, { timeout: 30_000 }, scan);
  await panel.evaluate(() => {
    const w = window as unknown as { sawScanning: boolean };
    w.sawScanning = false;
    const status = document.querySelector('[data-testid="status"]')!;
    const seen = () => {
      if (/Scanning/.test(status.textContent ?? '')) w.sawScanning = true;
    };
    new MutationObserver(seen).observe(status, { subtree: true, childList: true, characterData: true });
  });
  await scan!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForFunction(
    () =>
      (window as unknown as { sawScanning: boolean }).sawScanning &&
      !/Scanning/.test(document.querySelector('[data-testid="status"]')?.textContent ?? '') &&
      document.querySelector(
        '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
      ) !== null,
    { timeout: 60_000, polling: 50 },
  );
  expect(await panel.$('[data-testid="scan-error"]')).toBeNull();
}

/** Every suspect row, expanded, with its chain and fix lines. */
export async function shownSuspects(panel: Frame): Promise<Shown[]> {
  await panel.$$eval('[aria-label="Suspects"] [role="row"][aria-expanded="false"]', (rows) => {
    for (const r of rows) r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  });
  return panel.$$eval('[aria-label="Suspects"] [role="row"][aria-rowindex]', (rows) => {
    const out: { kind: string; severity: string; text: string }[] = [];
    for (const r of rows as HTMLElement[]) {
      if (r.dataset.kind)
        out.push({ kind: r.dataset.kind, severity: r.dataset.severity ?? '', text: r.textContent ?? '' });
      else if (out.length) out[out.length - 1].text += `\n${r.textContent ?? ''}`;
    }
    return out;
  });
}

/**
 * Opens the page and its panel, runs `afterPanel` in the page (once the panel's hello reached the hook, so the hook
 * records callsites), scans; with `repeat`, runs the action and scans again until `repeat.scans` scans were made
 * (the growth rules compare the panel's last scans of the document). Closes the page.
 */
export async function scanInPanel(
  session: Session,
  path: string,
  options: { afterPanel?: string; repeat?: { action: string; scans: number } } = {},
): Promise<Shown[]> {
  const page = await openPage(session, path);
  const { panel } = await showPanel(session, page);
  if (options.afterPanel) {
    await new Promise((r) => setTimeout(r, 1500));
    await page.evaluate(options.afterPanel);
  }
  await pressScan(panel);
  for (let i = 1; i < (options.repeat?.scans ?? 1); i++) {
    await page.evaluate(options.repeat!.action);
    await pressScan(panel);
  }
  const shown = await shownSuspects(panel);
  await page.close();
  return shown;
}

/**
 * Chooses `item` (e.g. "Export JSON", "Redact exports") from a toolbar menu: the Export ▾ menu when the toolbar
 * shows it, else the » overflow menu it moved into (DOM clicks, see `press`).
 */
export async function chooseFromMenu(panel: Frame, menu: string, item: string): Promise<void> {
  await panel.evaluate((name: string) => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[role="toolbar"] > button')];
    const opener =
      buttons.find((b) => b.getAttribute('aria-haspopup') === 'menu' && b.textContent?.startsWith(name)) ??
      buttons.find((b) => b.dataset.testid === 'toolbar-overflow');
    opener?.click();
  }, menu);
  const entry = await panel.waitForSelector(`[role="menu"] ::-p-aria(${item})`);
  await panel.waitForFunction((b) => !(b as HTMLButtonElement).disabled, { polling: 100 }, entry);
  await entry!.evaluate((el) => (el as HTMLElement).click());
}

/** Switches DevTools' own theme (Settings → Appearance → Theme), as a user would. */
export async function setDevToolsTheme(dt: Page, theme: 'light' | 'dark'): Promise<void> {
  await dt.evaluate(`(async () => {
    const Common = await import('./core/common/common.js');
    Common.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)});
  })()`);
}

/** Ticks "Show info" in the Suspects view (info suspects are hidden by default). */
export async function showInfoSuspects(panel: Frame): Promise<void> {
  const box = await panel.waitForSelector('.ls-view-toolbar label.ls-check input[type="checkbox"]');
  if (!(await box!.evaluate((el) => (el as HTMLInputElement).checked)))
    await box!.evaluate((el) => (el as HTMLInputElement).click());
  await panel.waitForFunction(
    () =>
      document.querySelector<HTMLInputElement>('.ls-view-toolbar label.ls-check input[type="checkbox"]')
        ?.checked === true,
  );
}
