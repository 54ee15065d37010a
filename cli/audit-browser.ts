/**
 * Chromium for an audit: launched through puppeteer-core (no browser download), with Leakscope's page hook injected
 * into every document before the page's first script. We inject dist/content-script/hook.js with
 * `evaluateOnNewDocument` rather than loading the extension: same hook file, but no service worker to wait for, no
 * relay or panel, and it works in every headless mode. The record-from-start marker goes first so the hook records
 * callsites from the first registration.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { baseChromeArgs, findChrome } from './chrome.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { driverFor, type PageDriver } from './page-driver.ts';

/** The built page hook: `npm run build` writes it in the repository; the npm package ships it. */
export const HOOK_FILE = join(PACKAGE_ROOT, 'dist', 'content-script', 'hook.js');

export class BrowserError extends Error {}

export interface AuditBrowser {
  browser: Browser;
  page: Page;
  driver: PageDriver;
  close(): Promise<void>;
}

export function readHook(): string {
  if (!existsSync(HOOK_FILE))
    throw new BrowserError(`The page hook ${HOOK_FILE} is missing: run npm run build first.`);
  return readFileSync(HOOK_FILE, 'utf8');
}

export async function launchForAudit(opts: { headful: boolean }): Promise<AuditBrowser> {
  let executablePath: string;
  try {
    executablePath = findChrome();
  } catch (err) {
    throw new BrowserError((err as Error).message);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'leakscope-audit-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      ignoreDefaultArgs: true,
      args: [
        ...baseChromeArgs(userDataDir),
        '--disable-extensions',
        '--window-size=1280,800',
        ...(opts.headful ? [] : ['--headless=new']),
        'about:blank',
      ],
      defaultViewport: null,
      protocolTimeout: 60_000,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new BrowserError(`Cannot start ${executablePath}: ${(err as Error).message.split('\n')[0]}`);
  }
  const close = async () => {
    await browser.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage();
    return { browser, page, driver: driverFor(page), close };
  } catch (err) {
    await close();
    throw new BrowserError(`Cannot prepare the page: ${(err as Error).message}`);
  }
}

/**
 * A browser someone else runs — a Chrome started with --remote-debugging-port, browserless, a Selenium Grid 4 node's
 * CDP endpoint: the audit opens its own tab there and closes only that tab, then disconnects.
 * `endpoint` is the browser's WebSocket URL (ws:// or wss://), or its http:// address (the /json/version host).
 */
export async function connectForAudit(endpoint: string): Promise<AuditBrowser> {
  let browser: Browser;
  try {
    browser = await puppeteer.connect({
      ...(/^wss?:/i.test(endpoint) ? { browserWSEndpoint: endpoint } : { browserURL: endpoint }),
      defaultViewport: null,
      protocolTimeout: 60_000,
    });
  } catch (err) {
    throw new BrowserError(
      `Cannot connect to the browser at ${endpoint}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  let page: Page | null = null;
  const close = async () => {
    await page?.close().catch(() => {});
    await browser.disconnect().catch(() => {});
  };
  try {
    page = await browser.newPage();
    return { browser, page, driver: driverFor(page), close };
  } catch (err) {
    await close();
    throw new BrowserError(`Cannot open a tab in the browser at ${endpoint}: ${(err as Error).message}`);
  }
}
