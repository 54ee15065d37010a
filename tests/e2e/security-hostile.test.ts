/**
 * Hostile page strings in the real panel, and nothing leaving the machine.
 *
 * tests/fixtures/pages/hostile/strings.html puts markup (`"><img src=x onerror=…>`, `<script>`), `javascript:`
 * URLs, an RTL override (U+202E) and a 1 MB string into element ids, classes, attributes, function names, global
 * names, listener types, script URLs and document.title; it leaks a detached node and registers listeners and timers
 * under those names. The panel must show all of it as inert, bounded text in Listeners, Timers, Suspects (Scan), the
 * Audit and an imported report; the HTML export, opened in Chromium, runs nothing and loads nothing. A net log of
 * the whole browser shows no request to anything but 127.0.0.1.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { chooseFromMenu, openTab, press } from './panel-helpers.ts';

let session: Session;
let dir: string;
let downloads: string;
let netLog: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leakscope-hostile-'));
  downloads = join(dir, 'downloads');
  netLog = join(dir, 'netlog.json');
  session = await launch({ args: [`--log-net-log=${netLog}`] });
  const browserCdp = await session.browser.target().createCDPSession();
  await browserCdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
});
afterAll(async () => {
  await session?.close();
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
});

/** Expands every collapsed row of the grid(s) shown, so chains and per-registration rows render too. */
async function expandAll(panel: Frame): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await panel.$$eval('[role="row"][aria-expanded="false"]', (rows) => {
      for (const r of rows) r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Records, from now on, every element the panel's document gains that could run or load something: script, img,
 * iframe, object, embed, base, link, meta, form; any on* attribute; any javascript: URL attribute.
 */
async function watchPanel(panel: Frame): Promise<void> {
  await panel.evaluate(() => {
    const w = window as unknown as { __dangerous: string[] };
    w.__dangerous = [];
    const risky =
      /^(script|img|image|iframe|frame|object|embed|base|link|meta|form|svg|math|video|audio|source)$/i;
    const check = (el: Element) => {
      if (risky.test(el.tagName))
        w.__dangerous.push(`<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 120)}`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) w.__dangerous.push(`${a.name} on <${el.tagName.toLowerCase()}>`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
          w.__dangerous.push(`${a.name}=${a.value.slice(0, 60)}`);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          check(n);
          for (const d of n.querySelectorAll('*')) check(d);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

interface Inertness {
  dangerous: string[];
  pwned: unknown;
  longestText: number;
  longest: string[];
  totalText: number;
  rawRtl: string[];
  text: string;
}

/** What the panel shows right now: dangerous elements seen so far, the longest text, raw RTL overrides. */
async function inspectPanel(panel: Frame): Promise<Inertness> {
  return panel.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts.push(walker.currentNode.nodeValue ?? '');
    // Tooltips render too.
    for (const el of document.querySelectorAll('[title]')) texts.push(el.getAttribute('title') ?? '');
    return {
      dangerous: (window as unknown as { __dangerous: string[] }).__dangerous,
      pwned: (window as unknown as { pwned?: unknown }).pwned,
      longestText: Math.max(0, ...texts.map((t) => t.length)),
      longest: texts.filter((t) => t.length >= 2000).map((t) => `${t.slice(0, 60)}… (${t.length})`),
      totalText: texts.reduce((n, t) => n + t.length, 0),
      rawRtl: texts.filter((t) => t.includes('\u202E')).map((t) => t.slice(0, 80)),
      text: texts.join('\n'),
    };
  });
}

async function expectInert(panel: Frame, page: Page, where: string, mustShow: RegExp[]): Promise<void> {
  const seen = await inspectPanel(panel);
  expect(seen.dangerous, where).toEqual([]);
  expect(seen.rawRtl, where).toEqual([]);
  expect(seen.pwned, where).toBeUndefined();
  expect(
    await panel.page().evaluate(() => (window as unknown as { pwned?: unknown }).pwned),
    where,
  ).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned), where).toBeUndefined();
  // Long page strings are cut: no text on screen anywhere near the page's 1 MB.
  expect(seen.longest, where).toEqual([]);
  expect(seen.longestText, where).toBeLessThan(2_000);
  expect(seen.totalText, where).toBeLessThan(300_000);
  // An RTL override from the page never reaches the screen raw (it would reverse the text after it).
  expect(seen.rawRtl, where).toEqual([]);
  // And the hostile strings are there, as text: the view really rendered them.
  for (const re of mustShow) expect(seen.text, `${where}: ${re}`).toMatch(re);
}

async function waitForDownload(ext: string, before: Set<string>): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const file = existsSync(downloads)
      ? readdirSync(downloads).find((f) => f.endsWith(`.${ext}`) && !before.has(f))
      : null;
    if (file) return join(downloads, file);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no .${ext} download`);
}

const listed = () => new Set(existsSync(downloads) ? readdirSync(downloads) : []);

const IMG_TEXT = /"><img src=x onerror="window\.parent\.pwned=1">/;
const SCRIPT_TEXT = /<script>window\.parent\.pwned=1<\/script>/;

test('hostile page strings stay inert, bounded text in every view, in the imported report and in the HTML export', async () => {
  const page = await openPage(session, 'hostile/strings.html?token=s3cret');
  const { panel } = await showPanel(session, page);
  await watchPanel(panel);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]', { timeout: 20_000 });
  await page.evaluate('register()');

  await openTab(panel, 'listeners');
  // 4 click listeners on hostile elements + 5 window listeners of hostile types (the grid renders visible rows only).
  await panel
    .waitForFunction(
      () => document.querySelector('[role="tab"][data-tab="listeners"] .ls-count')?.textContent === '9',
      { timeout: 30_000, polling: 100 },
    )
    .catch(async (e) => {
      const shown = await panel.evaluate(() => (document.body.textContent ?? '').slice(0, 2000));
      throw new Error(`${e}\n${shown}`);
    });
  await expandAll(panel);
  await expectInert(panel, page, 'Listeners', [IMG_TEXT, SCRIPT_TEXT, /javascript:window\.parent/, /AAAA/]);

  await openTab(panel, 'timers');
  await panel.waitForFunction(
    () => document.querySelectorAll('[aria-label="Timers"] [role="row"][aria-rowindex]').length >= 2,
    { timeout: 30_000, polling: 100 },
  );
  await expandAll(panel);
  await expectInert(panel, page, 'Timers', [/x\.js\?q=/]);

  await press(panel, 'Scan');
  await panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    {
      timeout: 60_000,
    },
  );
  expect(await panel.$('[data-testid="scan-error"]')).toBeNull();
  await expandAll(panel);
  await expectInert(panel, page, 'Suspects', [IMG_TEXT]);
  await screenshotPanel(panel, 'security-hostile-suspects');

  await press(panel, 'Start audit');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes('baseline + 0'),
    { timeout: 60_000, polling: 100 },
  );
  await press(panel, 'Mark iteration');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes('baseline + 1'),
    { timeout: 60_000, polling: 100 },
  );
  await press(panel, 'Finish audit');
  await panel.waitForFunction(
    () => document.querySelector('[data-testid="audit-summary"]')?.textContent?.includes('Finished'),
    { timeout: 60_000, polling: 100 },
  );
  await expandAll(panel);
  await expectInert(panel, page, 'Audit', []);

  // Export JSON, import it back: the read-only report view.
  let before = listed();
  await chooseFromMenu(panel, 'Export', 'Export JSON');
  const json = await waitForDownload('json', before);
  const exported = JSON.parse(readFileSync(json, 'utf8'));
  expect(exported.page.title.length).toBeLessThan(5_000);
  expect(exported.page.url).toContain('?token=s3cret');

  const input = (await panel.waitForSelector(
    '[data-testid="import-input"]',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(json);
  await panel.waitForSelector('[data-testid="report-summary"]');
  await expandAll(panel);
  await expectInert(panel, page, 'Imported report', [IMG_TEXT]);

  // The HTML export, opened in Chromium: no script runs, nothing is requested but the file itself.
  before = listed();
  await chooseFromMenu(panel, 'Export', 'Export HTML');
  const html = await waitForDownload('html', before);
  const viewer = await session.browser.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(html).href;
  await viewer.goto(url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 500));
  expect(requests).toEqual([url]);
  const opened = await viewer.evaluate(() => ({
    pwned: 'pwned' in window,
    scripts: document.scripts.length,
    imgs: document.images.length,
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => /^on/i.test(a.name)),
    ).length,
    text: document.body.textContent ?? '',
  }));
  expect(opened).toMatchObject({ pwned: false, scripts: 0, imgs: 0, handlers: 0 });
  expect(opened.text).toMatch(IMG_TEXT);
  expect(opened.text).not.toContain('\u202E');
  await viewer.close();

  // "Redact" before exporting: no query string, no page title.
  await chooseFromMenu(panel, 'Export', 'Redact exports');
  // Exports in the same second get the same file name (the download overwrites it): start from an empty folder.
  for (const f of readdirSync(downloads)) rmSync(join(downloads, f), { force: true });
  before = listed();
  await chooseFromMenu(panel, 'Export', 'Export JSON');
  const redacted = JSON.parse(readFileSync(await waitForDownload('json', before), 'utf8'));
  expect(redacted.page.url).toMatch(/\/hostile\/strings\.html$/);
  expect(redacted.page.title).toBe('');
  expect(JSON.stringify(redacted)).not.toContain('s3cret');
});

test('nothing leaves the machine: every request the extension’s pages or the inspected page made went to 127.0.0.1', async () => {
  // The first test drove every panel feature that could talk to the network; close the browser to flush the log.
  await session.close();
  const log = JSON.parse(readFileSync(netLog, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { initiator?: string; url?: string } }[];
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const requests = log.events
    .filter((e) => e.type === start && e.params?.url)
    .map((e) => ({ initiator: e.params?.initiator ?? '', url: e.params?.url ?? '' }));
  // Requests made by a document or worker carry its origin as initiator: the extension's pages
  // (chrome-extension://…), DevTools, the inspected page and its content scripts. Chromium's own background
  // requests (clock sync, account list, component updates) say "not an origin" and are not the extension's.
  const fromContexts = requests.filter((r) => /^[a-z-]+:\/\//.test(r.initiator));
  expect(
    fromContexts.some((r) => r.url.includes('/hostile/strings.js')),
    'the net log recorded the fixture’s requests',
  ).toBe(true);
  const offMachine = fromContexts.filter((r) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(r.url));
  expect(offMachine).toEqual([]);
  const browserOwn = requests.filter((r) => r.initiator === 'not an origin' && !r.url.includes('127.0.0.1'));
  if (browserOwn.length)
    console.log(`Chromium's own requests: ${[...new Set(browserOwn.map((r) => new URL(r.url).host))]}`);
});
