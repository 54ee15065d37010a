/**
 * Real-browser test harness: launches the system Chromium with the built extension (dist/), serves the fixture
 * pages on 127.0.0.1, opens DevTools on a page and shows the Leakscope panel. Follows the recipe verified in
 * shared/notes/chromium-facts.md.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { baseChromeArgs, findChrome } from '../../cli/chrome.ts';
import { type FixtureServer, serveFixtures } from '../../scripts/serve.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const PANEL_TITLE = 'Leakscope';

export interface LaunchOptions {
  /** Load the Leakscope extension (default true); false gives the same browser without it. */
  extension?: boolean;
  /**
   * Open DevTools automatically for every new tab (default false: showPanel() opens exactly one DevTools for
   * its page; with auto-open, puppeteer sometimes opened a second one beside it).
   */
  devtools?: boolean;
  /** Extra command-line switches. */
  args?: string[];
  /**
   * Pass `--silent-debugger-extension-api` (default true). False shows Chrome's real "started debugging this
   * browser [Cancel]" infobar, as users see it.
   */
  silentDebugger?: boolean;
  /** Run headful on this X display (e.g. one from startXvfb()) whatever DISPLAY says. */
  display?: string;
  /**
   * The extension's "Allow access to file URLs" switch. Unset leaves Chromium's default (on for an extension
   * given with --load-extension, verified on Chromium 156); a boolean is pre-seeded in the profile.
   */
  fileAccess?: boolean;
  /** More unpacked extensions to load beside Leakscope (folders); they must not have a service worker. */
  extraExtensions?: string[];
}

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelled a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

/**
 * Writes the extension's file-access setting into a fresh profile's Preferences, where Chromium keeps it
 * (`extensions.settings.<id>.newAllowFileAccess`); Chromium reads it when it loads the unpacked extension.
 */
function seedFileAccess(userDataDir: string, allowed: boolean): void {
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  const settings = { [unpackedExtensionId(DIST)]: { newAllowFileAccess: allowed } };
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
}

export interface Session {
  browser: Browser;
  extensionId: string | null;
  server: FixtureServer;
  close(): Promise<void>;
}

/** Headful when DISPLAY is set (or a display is given), else Chromium's new headless mode (CI: .ci/run sets no DISPLAY). */
function displayArgs(display: string | undefined): string[] {
  if (display) return [];
  return process.env.DISPLAY && !process.env.LEAKSCOPE_HEADLESS ? [] : ['--headless=new'];
}

function extensionArgs(dirs: string[]): string[] {
  const list = dirs.join(',');
  return [`--load-extension=${list}`, `--disable-extensions-except=${list}`];
}

export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const withExtension = opts.extension ?? true;
  const devtools = opts.devtools ?? false;
  const server = await serveFixtures();
  const userDataDir = mkdtempSync(join(tmpdir(), 'leakscope-e2e-'));
  if (opts.fileAccess !== undefined) seedFileAccess(userDataDir, opts.fileAccess);
  const args = [
    ...baseChromeArgs(userDataDir),
    '--no-sandbox',
    '--test-type',
    ...(opts.silentDebugger === false ? [] : ['--silent-debugger-extension-api']),
    '--window-size=1400,900',
    ...displayArgs(opts.display),
    ...(withExtension ? extensionArgs([DIST, ...(opts.extraExtensions ?? [])]) : []),
    ...(devtools ? ['--auto-open-devtools-for-tabs'] : []),
    ...(opts.args ?? []),
    'about:blank',
  ];
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    ignoreDefaultArgs: true,
    args,
    defaultViewport: null,
    handleDevToolsAsPage: true,
    protocolTimeout: 60_000,
    ...(opts.display ? { env: { ...process.env, DISPLAY: opts.display } } : {}),
  });
  let extensionId: string | null = null;
  if (withExtension) {
    // Content scripts are registered once the extension's worker is up; a page opened earlier may miss them.
    const worker = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: 45_000 },
    );
    extensionId = new URL(worker.url()).host;
    if (opts.fileAccess !== undefined && extensionId !== unpackedExtensionId(DIST)) {
      throw new Error(`the file-access setting was seeded for another id than ${extensionId}`);
    }
  }
  return {
    browser,
    extensionId,
    server,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a fixture page (path relative to the fixture server's root) in a new tab. */
export async function openPage(session: Session, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(session.server.url(path), { waitUntil: 'load' });
  return page;
}

/**
 * Makes the panel frame's waitForFunction poll on a timer by default: puppeteer's default polls on
 * requestAnimationFrame, and DevTools does not always give an extension panel frames in headless runs.
 */
function pollOnTimer(panel: Frame): void {
  const original = panel.waitForFunction.bind(panel);
  panel.waitForFunction = ((fn: never, options: Record<string, unknown> = {}, ...args: never[]) =>
    original(fn, { polling: 100, ...options }, ...args)) as typeof panel.waitForFunction;
}

/** Opens DevTools on `page`, shows the Leakscope panel and returns DevTools' page and the panel's frame. */
/** Waits until DevTools has added the extension and its panel tab exists; returns the panel's id. */
export async function panelRegistered(session: Session, devtools: Page): Promise<string> {
  const panelId = `chrome-extension://${session.extensionId}${PANEL_TITLE}`;
  // Written as source text: vitest rewrites dynamic import() in test code, and this one must run inside DevTools.
  const registered = `(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
    return view?.hasPanel?.(${JSON.stringify(panelId)}) === true ||
      view?.tabbedPane?.tabIds?.().includes(${JSON.stringify(panelId)}) === true;
  })()`;
  await devtools.waitForFunction(registered, { timeout: 20_000, polling: 100 });
  return panelId;
}

export async function showPanel(session: Session, page: Page): Promise<{ devtools: Page; panel: Frame }> {
  const extId = session.extensionId;
  if (!extId) throw new Error('the extension is not loaded in this session');
  const devtools = await page.openDevTools();
  const panelId = await panelRegistered(session, devtools);
  // Docked at the bottom, 620 px tall, the panel gets the window's full width, as most people use it for tables.
  await devtools
    .evaluate(`(async () => {
      const Common = await import('./core/common/common.js');
      Common.Settings.Settings.instance()
        .settingForTest('inspector-view.split-view-state')
        .set({ vertical: { size: 0 }, horizontal: { size: 620 } });
      const UI = await import('./ui/legacy/legacy.js');
      UI.DockController.DockController.instance().setDockSide('bottom');
    })()`)
    .catch(() => {});
  await devtools.evaluate(`DevToolsAPI.showPanel(${JSON.stringify(panelId)})`);
  const panel = await devtools.waitForFrame(
    (f) => f.url().startsWith(`chrome-extension://${extId}/`) && f.url().includes('panel.html'),
    { timeout: 20_000 },
  );
  await panel.waitForSelector('#app > *', { timeout: 20_000 });
  pollOnTimer(panel);
  return { devtools, panel };
}

/**
 * Saves a PNG of the panel (as DevTools shows it) into tests/artifacts/ for people to look at. Best effort: a
 * screenshot is an artifact, not an assertion, so a capture that stalls (seen when the machine is saturated)
 * is reported and skipped rather than failing the test.
 */
export async function screenshotPanel(panel: Frame, name: string): Promise<string | null> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`) as `${string}.png`;
  const capture = (async () => {
    // A raw CDP capture: puppeteer's screenshot() stalls on DevTools' page once the inspected page was driven
    // (page.evaluate) in headless mode, while Page.captureScreenshot itself answers at once.
    const devtools = panel.page();
    const box = await (await panel.frameElement())?.boundingBox();
    const cdp = await devtools.createCDPSession();
    try {
      const params = box
        ? { format: 'png' as const, clip: { ...box, scale: 1 } }
        : { format: 'png' as const };
      const { data } = (await cdp.send('Page.captureScreenshot', params)) as { data: string };
      writeFileSync(path, Buffer.from(data, 'base64'));
    } finally {
      await cdp.detach().catch(() => {});
    }
    return path;
  })();
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000));
  const saved = await Promise.race([capture.catch(() => null), timeout]);
  if (!saved) console.warn(`screenshot ${name} skipped: the capture did not finish`);
  return saved;
}
