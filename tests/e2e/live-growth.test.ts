/**
 * Growth between scans, through the transport that refuses everything an extension may not call: a Map cache and
 * an ImageData array that grow per action, and the replaceThing closure chain that gets longer, are reported with
 * the sizes of each scan; scanning clean pages again reports no growth.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ScanResult, scan } from '../../src/live/index.ts';
import { compareScans, findSuspects, type Suspect } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

/** Scans, then `repeat` times: run the action and scan again. Returns every scan and the last one's suspects. */
async function scanRepeatedly(
  path: string,
  action: string,
  repeat: number,
): Promise<{ page: Page; scans: ScanResult[]; suspects: Suspect[] }> {
  const page = await openPage(session, `leaks/${path}`);
  const t = await guardedTransportFor(page);
  const scans = [await scan(t)];
  for (let i = 0; i < repeat; i++) {
    if (action) await page.evaluate(action);
    scans.push(await scan(t));
  }
  expect(t.refused).toEqual([]);
  const last = scans[scans.length - 1];
  return { page, scans, suspects: findSuspects(last, undefined, scans.slice(0, -1)) };
}

const order = { info: 0, low: 1, medium: 2, high: 3 };

test('a Map cache that grows on every search: steady growth, medium, sizes 1 → 2 → 3', async () => {
  const { page, suspects } = await scanRepeatedly(
    'map-cache-growth.html',
    "document.getElementById('search').click()",
    2,
  );
  const s = suspects.filter((x) => x.kind === 'collection-growth');
  expect(s).toHaveLength(1);
  expect(s[0].title).toMatch(
    /^`script responseCache` \(Map\) grew from 1 to 3 entries over 3 scans \(every time/,
  );
  expect(s[0].severity).toBe('medium');
  expect(s[0].evidence.detail).toBe('sizes by scan: 1 → 2 → 3');
  expect(s[0].chain?.[0]).toMatchObject({ holder: 'script', edge: 'const responseCache' });
  await page.close();
});

test('an ImageData undo history growing per snapshot: high, with the pixels it holds (640×480×4 each)', async () => {
  const { page, scans, suspects } = await scanRepeatedly(
    'image-data-growth.html',
    "document.getElementById('snap').click()",
    2,
  );
  const frames = scans.at(-1)!.growth.collections.find((c) => c.path === 'window.undoFrames');
  expect(frames).toMatchObject({ kind: 'Array', size: 3, pixelObjects: 3, pixelBytes: 3 * 640 * 480 * 4 });
  const [s] = suspects.filter((x) => x.kind === 'collection-growth');
  expect(s.severity).toBe('high');
  expect(s.title).toContain('`window.undoFrames` (Array) grew from 1 to 3 elements');
  expect(s.title).toContain('holding 3 pixel buffers');
  // One scan only compared with the previous one: growth once is low before the pixel raise.
  expect(compareScans(scans[0], scans[1]).map((x) => [x.kind, x.severity])).toEqual([
    ['collection-growth', 'medium'],
  ]);
  await page.close();
});

test('replaceThing: the chain of originalThing gets one link longer per call, naming the variable and function', async () => {
  const { page, scans, suspects } = await scanRepeatedly('replace-thing.html', 'replaceThing()', 2);
  expect(scans.map((r) => r.growth.closureChains[0]?.length)).toEqual([4, 5, 6]);
  const [s] = suspects.filter((x) => x.kind === 'closure-growth');
  expect(s.severity).toBe('high');
  expect(s.title).toContain("someMethod()'s variable `originalThing` grew from 5 to 6 links");
  expect(s.chain?.[0]).toMatchObject({ holder: 'window', edge: 'theThing' });
  expect(s.fix).toContain('originalThing = null');
  await page.close();
});

test('clean pages scanned three times report no growth, nothing above info', async () => {
  for (const path of ['clean-app.html', 'clean-dialogs.html', 'clean-images.html']) {
    const { page, suspects } = await scanRepeatedly(path, '', 2);
    expect(suspects.filter((x) => order[x.severity] > 0)).toEqual([]);
    expect(suspects.filter((x) => x.kind.endsWith('-growth'))).toEqual([]);
    await page.close();
  }
});

test('a reload starts a new series: the same cache refilled is not growth', async () => {
  const page = await openPage(session, 'leaks/map-cache-growth.html');
  const t = await guardedTransportFor(page);
  const before = await scan(t);
  await page.reload({ waitUntil: 'load' });
  await page.evaluate("document.getElementById('search').click()");
  const after = await scan(t);
  expect(after.growth.documentId).not.toBe(before.growth.documentId);
  expect(compareScans(before, after)).toEqual([]);
  await page.close();
});
