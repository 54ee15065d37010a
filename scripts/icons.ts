/**
 * `npm run icons`: renders panel/icons/icon.svg to the PNG sizes the manifest and the Chrome Web Store use, with the
 * same Chromium the tests use. The PNGs are committed; run this after changing the SVG.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { baseChromeArgs, findChrome } from '../cli/chrome.ts';

export const ICON_SIZES = [16, 32, 48, 128];
const DIR = join(import.meta.dirname, '..', 'panel', 'icons');

const svg = readFileSync(join(DIR, 'icon.svg'), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'leakscope-icons-'));
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  ignoreDefaultArgs: true,
  args: [...baseChromeArgs(profile), '--headless=new', 'about:blank'],
});
try {
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`,
    );
    await page.waitForFunction(() => document.images[0].complete);
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    writeFileSync(join(DIR, `icon-${size}.png`), png);
    console.log(`panel/icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
