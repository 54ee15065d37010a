/**
 * Images through the transport that refuses everything an extension may not call: decoded bytes are natural
 * w × h × 4, oversized and removed-but-kept images are reported with the right numbers, big images shown at their
 * size are not, and a page that overrides an image getter runs none of its code (an isolated world measures instead).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ScanResult, scan } from '../../src/live/index.ts';
import { findSuspects, type Suspect } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { type GuardedTransport, guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

async function scanPage(
  path: string,
): Promise<{ page: Page; t: GuardedTransport; result: ScanResult; suspects: Suspect[] }> {
  const page = await openPage(session, `leaks/${path}`);
  await page.evaluate('window.ready');
  const t = await guardedTransportFor(page);
  const result = await scan(t);
  expect(t.refused).toEqual([]);
  return { page, t, result, suspects: findSuspects(result) };
}

const order = { info: 0, low: 1, medium: 2, high: 3 };

test('a 4000×3000 image shown at 160×120: 48,000,000 bytes decoded, 76,800 needed, one high image suspect', async () => {
  const { page, result, suspects } = await scanPage('oversized-image.html');
  const img = result.images.find((i) => i.kind === 'img');
  expect(img).toMatchObject({
    natural: { width: 4000, height: 3000 },
    displayed: { width: 160, height: 120 },
    decodedBytes: 4000 * 3000 * 4,
    state: 'visible',
  });
  const dpr = result.imageTotals.devicePixelRatio;
  expect(img?.neededBytes).toBe(Math.round(160 * dpr) * Math.round(120 * dpr) * 4);
  expect(img?.label).toMatch(/^blob:http/);
  expect(result.imageTotals.decodedBytes).toBe(48_000_000);
  const s = suspects.filter((x) => x.kind === 'image');
  expect(s).toHaveLength(1);
  expect(s[0].severity).toBe('high');
  expect(s[0].evidence.bytes).toBe(48_000_000 - img!.neededBytes);
  expect(s[0].title).toContain('4000×3000');
  await page.close();
});

test('at devicePixelRatio 2 the same box needs 2² times the pixels', async () => {
  const page = await openPage(session, 'leaks/oversized-image.html');
  await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: 2 });
  await page.evaluate('window.ready');
  const result = await scan(await guardedTransportFor(page));
  expect(result.imageTotals.devicePixelRatio).toBe(2);
  expect(result.images.find((i) => i.kind === 'img')).toMatchObject({
    decodedBytes: 48_000_000,
    neededBytes: 320 * 240 * 4,
    wastedBytes: 48_000_000 - 320 * 240 * 4,
  });
  await page.close();
});

test('images kept by JS off the page: a removed <img> in an array and a preloaded Image(), with their chains', async () => {
  const { page, result, suspects } = await scanPage('removed-image.html');
  const kept = result.images.filter((i) => i.state === 'detached');
  expect(kept.map((i) => i.chain?.map((h) => h.edge))).toEqual(
    expect.arrayContaining([
      ['shownSlides', '0'],
      ['preloader', 'next'],
    ]),
  );
  expect(kept.every((i) => i.decodedBytes === 2000 * 1500 * 4 && i.neededBytes === 0)).toBe(true);
  const images = suspects.filter((x) => x.kind === 'image');
  expect(images.map((x) => x.severity)).toEqual(['medium', 'medium']);
  expect(images.map((x) => x.title).join('\n')).toMatch(
    /not in the document but still kept by window\.shownSlides/,
  );
  // The image rule explains these detached trees; they are not reported a second time as plain detached DOM.
  expect(suspects.filter((x) => x.kind === 'detached-dom')).toEqual([]);
  await page.close();
});

test('pixel buffers: ImageData kept in a global array are measured as JS-only', async () => {
  const { page, result } = await scanPage('image-data-growth.html');
  const data = result.images.filter((i) => i.kind === 'image-data');
  expect(data).toHaveLength(1);
  expect(data[0]).toMatchObject({ state: 'js-only', decodedBytes: 640 * 480 * 4, wastedBytes: 0 });
  expect(data[0].chain?.map((h) => h.edge)).toEqual(['undoFrames', '0']);
  const canvas = result.images.find((i) => i.kind === 'canvas');
  expect(canvas).toMatchObject({ natural: { width: 640, height: 480 }, state: 'visible' });
  await page.close();
});

test('big images shown at their size (img, canvas, CSS background) produce nothing above info', async () => {
  const { page, result, suspects } = await scanPage('clean-images.html');
  const photo = result.images.find((i) => i.natural?.width === 1200);
  expect(photo).toMatchObject({ decodedBytes: 1200 * 600 * 4, state: 'visible' });
  expect(photo?.wastedBytes).toBe(Math.max(0, 1200 * 600 * 4 - photo!.neededBytes));
  expect(result.images.some((i) => i.kind === 'canvas' && i.decodedBytes === 600 * 200 * 4)).toBe(true);
  const css = result.images.find((i) => i.kind === 'css-background');
  expect(css?.label).toMatch(/^blob:/);
  expect(css?.displayed).toEqual({ width: 1200, height: 300 });
  expect(suspects.filter((x) => order[x.severity] > 0)).toEqual([]);
  await page.close();
});

test('a page that overrides an image getter: none of its code runs; images are measured from an isolated world', async () => {
  const page = await openPage(session, 'leaks/oversized-image.html');
  await page.evaluate('window.ready');
  const t = await guardedTransportFor(page);
  await t.send('Runtime.evaluate', {
    expression: `window.getterHits = 0;
      Object.defineProperty(HTMLImageElement.prototype, 'naturalWidth', { get() { window.getterHits++; return 1; } });
      window.kept = [new ImageData(100, 100)];`,
  });
  const result = await scan(t);
  const hits = await t.send<{ result: { value: number } }>('Runtime.evaluate', {
    expression: 'window.getterHits',
    returnByValue: true,
  });
  expect(hits.result.value).toBe(0);
  expect(t.refused).toEqual([]);
  // The real size, read with an isolated world's pristine getter on the same element.
  expect(result.images.find((i) => i.kind === 'img')).toMatchObject({
    natural: { width: 4000, height: 3000 },
    decodedBytes: 48_000_000,
    state: 'visible',
  });
  // ImageData lives in the page's world only: the fallback cannot see it, and says so.
  expect(result.images.some((i) => i.kind === 'image-data')).toBe(false);
  expect(result.notes.join(' ')).toMatch(
    /Images: the page replaced HTMLImageElement\.naturalWidth, so images were measured from an isolated world/,
  );
  expect(findSuspects(result).some((x) => x.kind === 'image' && x.severity === 'high')).toBe(true);
  await page.close();
});
