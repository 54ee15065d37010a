/**
 * Pages Chrome does not let extensions inspect: chrome:// pages, the Chrome Web Store, other extensions' pages.
 * DevTools opened on one offers no Leakscope tab (chrome://version: lifecycle-debugger.test.ts); when the inspected
 * tab goes to one with the panel open, the panel must say "Cannot inspect this page" and why, and work again on
 * the next ordinary page.
 *
 * The Web Store is served locally: its host is mapped to a local HTTPS server (self-signed certificate made with
 * openssl, accepted with --ignore-certificate-errors). Chrome's rule is about the URL, not the content.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, ROOT, type Session, showPanel, unpackedExtensionId } from './harness.ts';
import { devtoolsOffersPanel, extensionWorker, waitForListenerCount } from './panel-helpers.ts';

const WEBSTORE = 'chromewebstore.google.com';
const OTHER_EXTENSION = join(ROOT, 'tests', 'fixtures', 'extensions', 'other');

let session: Session;
let store: Server;
let certDir: string;

/** A local HTTPS server answering every request with a small page, under a throw-away self-signed certificate. */
async function serveWebstore(): Promise<number> {
  certDir = mkdtempSync(join(tmpdir(), 'leakscope-cert-'));
  const key = join(certDir, 'key.pem');
  const cert = join(certDir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${WEBSTORE}`].concat([
      '-addext',
      `subjectAltName=DNS:${WEBSTORE}`,
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore', timeout: 30_000 },
  );
  store = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Web Store (local stand-in)</title><p>Web Store</p>');
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  return (store.address() as AddressInfo).port;
}

beforeAll(async () => {
  const port = await serveWebstore();
  session = await launch({
    extraExtensions: [OTHER_EXTENSION],
    args: [`--host-resolver-rules=MAP ${WEBSTORE} 127.0.0.1:${port}`, '--ignore-certificate-errors'],
  });
});
afterAll(async () => {
  await session?.close();
  await new Promise((r) => store?.close(r));
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

const otherExtensionPage = () => `chrome-extension://${unpackedExtensionId(OTHER_EXTENSION)}/page.html`;

/** Whether DevTools open on `page` registered the Leakscope panel, given more time than it takes on a normal page. */
async function offersPanelOn(page: Page): Promise<boolean> {
  const devtools = await page.openDevTools();
  const has = await devtoolsOffersPanel(session, devtools);
  await devtools.close();
  return has;
}

/** What chrome.debugger.attach answers on the tab showing `url` (tried from Leakscope's service worker). */
async function attachRefusal(url: string): Promise<string> {
  return (await extensionWorker(session)).evaluate(async (want: string) => {
    const tab = (await chrome.debugger.getTargets()).find((t) => t.url === want && t.tabId !== undefined);
    if (!tab?.tabId) return 'no tab';
    try {
      await chrome.debugger.attach({ tabId: tab.tabId }, '1.3');
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    await chrome.debugger.detach({ tabId: tab.tabId });
    return 'attached';
  }, url);
}

test('DevTools on the Web Store or on another extension’s page offers no Leakscope tab, and the debugger is refused there', async () => {
  const store = await session.browser.newPage();
  await store.goto(`https://${WEBSTORE}/detail/some-extension`, { waitUntil: 'load' });
  expect(await store.title()).toBe('Web Store (local stand-in)');
  expect(await offersPanelOn(store)).toBe(false);
  expect(await attachRefusal(store.url())).toBe('The extensions gallery cannot be scripted.');
  await store.close();
  const other = await session.browser.newPage();
  await other.goto(otherExtensionPage(), { waitUntil: 'load' });
  expect(await other.title()).toBe("Another extension's page");
  expect(await offersPanelOn(other)).toBe(false);
  expect(await attachRefusal(other.url())).toMatch(
    /Cannot access a chrome-extension:\/\/ URL of different extension/,
  );
  await other.close();
  const version = await session.browser.newPage();
  await version.goto('chrome://version');
  expect(await attachRefusal('chrome://version/')).toMatch(/Cannot access a chrome:\/\/ URL/);
  await version.close();
});

test('the inspected tab goes to chrome://version, the Web Store, another extension’s page: “Cannot inspect this page” with the reason, then back to work on an http page', async () => {
  const page = await openPage(session, 'lifecycle/a.html');
  const { panel, devtools } = await showPanel(session, page);
  for (const url of ['chrome://version', `https://${WEBSTORE}/`, otherExtensionPage()]) {
    await page.goto(session.server.url('lifecycle/a.html'), { waitUntil: 'load' });
    await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
    await waitForListenerCount(panel, 3);

    await page.goto(url, { waitUntil: 'load' });
    await panel.waitForSelector('[data-testid="status"][data-level="error"]', { timeout: 10_000 });
    expect(await panel.$eval('[data-testid="status"]', (el) => el.textContent), url).toBe(
      'Cannot inspect this page',
    );
    expect(await panel.$eval('.ls-notice', (el) => el.textContent), url).toMatch(
      /Chrome does not let extensions inspect this page/,
    );
    await waitForListenerCount(panel, 0); // page A's listeners are not shown as this page's
  }
  await page.goto(session.server.url('lifecycle/b.html'), { waitUntil: 'load' });
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 10_000 });
  await waitForListenerCount(panel, 1);
  await devtools.close();
});
