/**
 * `npm start`: build the extension, serve the demo page, launch Chromium with Leakscope loaded and DevTools
 * open on the demo page with the Leakscope panel shown. Stops when the browser window is closed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { baseChromeArgs, findChrome } from '../cli/chrome.ts';
import { serveFixtures } from './serve.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'No display found. Run `npm start` in a desktop session, or under a virtual one: xvfb-run npm start',
  );
  process.exit(1);
}

const server = await serveFixtures(undefined, Number(process.env.PORT ?? 0));
const profile = mkdtempSync(join(tmpdir(), 'leakscope-profile-'));
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  ignoreDefaultArgs: true,
  defaultViewport: null,
  handleDevToolsAsPage: true,
  args: [
    ...baseChromeArgs(profile),
    '--window-size=1440,900',
    `--load-extension=${dist}`,
    `--disable-extensions-except=${dist}`,
    '--auto-open-devtools-for-tabs',
    'about:blank',
  ],
});
const cleanup = async () => {
  await server.close();
  rmSync(profile, { recursive: true, force: true });
};
browser.on('disconnected', () => void cleanup().then(() => process.exit(0)));

// Content scripts are registered once the extension's worker runs; a page opened earlier would miss the hook.
const worker = await browser.waitForTarget(
  (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
  { timeout: 20_000 },
);
const extensionId = new URL(worker.url()).host;
const initial = (await browser.pages()).filter((p) => p.url() === 'about:blank');
const page = await browser.newPage();
for (const p of initial) await p.close().catch(() => {});
const demo = server.url('demo/index.html');
await page.goto(demo);

try {
  const devtools = await page.openDevTools();
  const panelId = `chrome-extension://${extensionId}Leakscope`;
  await devtools.waitForFunction(
    `(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
      return view?.tabbedPane?.tabIds?.().includes(${JSON.stringify(panelId)}) === true;
    })()`,
    { timeout: 20_000, polling: 200 },
  );
  await devtools.evaluate(`DevToolsAPI.showPanel(${JSON.stringify(panelId)})`);
} catch {
  console.error('DevTools is open; pick the “Leakscope” panel from its tab bar (») if it is not shown.');
}
console.log(`Leakscope is running. Demo page: ${demo}`);
console.log('Close the browser window (or press Ctrl+C) to stop.');
process.on('SIGINT', () => void browser.close());
