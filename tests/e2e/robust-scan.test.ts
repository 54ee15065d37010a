/**
 * Scan on pages that used to stop it or hang it (issue #10), in the real panel:
 * - a Vue 3 options-API component whose `setInterval(() => { this.now = … })` outlives it, mounted a few times, so
 *   several live closures of ONE arrow function exist (Debugger.setBreakpointOnFunctionCall refused the second);
 * - removed iframes whose windows the page keeps (CDP's deep serialization of such a window never answers).
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { pressScan, showInfoSuspects, shownSuspects } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

async function scanned(
  page: Page,
): Promise<{ panel: Frame; shown: Awaited<ReturnType<typeof shownSuspects>> }> {
  const { panel } = await showPanel(session, page);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  await pressScan(panel);
  await showInfoSuspects(panel);
  return { panel, shown: await shownSuspects(panel) };
}

test('Vue: several live closures of one arrow interval callback — Scan ends and the chain goes through the component’s `this`', async () => {
  const page = await openPage(session, 'robust/vue-interval.html');
  // Mounted 3 times, unmounted twice: 3 live intervals of one arrow, 2 removed clocks kept through their `this`.
  for (let i = 0; i < 4; i++) {
    await page.click('#toggle-clock');
    await page.waitForFunction((shown) => !!document.querySelector('.live-clock') === shown, {}, i % 2 === 1);
  }
  const { shown } = await scanned(page);
  const all = JSON.stringify(shown, null, 1);
  const kept = shown.filter((s) => s.kind === 'detached-dom' || s.kind === 'timer');
  const viaThis = kept.filter(
    (s) => /closure variable this/.test(s.text) && /LiveClock/.test(s.text) && /live-clock/.test(s.text),
  );
  expect(viaThis.length, all).toBeGreaterThan(0);
  expect(
    viaThis.some((s) => s.severity !== 'info'),
    all,
  ).toBe(true);
  await page.close();
});

test('Vue: the same clock clearing its interval in unmounted() leaves nothing above info', async () => {
  const page = await openPage(session, 'robust/vue-interval.html?clear');
  for (let i = 0; i < 4; i++) {
    await page.click('#toggle-clock');
    await page.waitForFunction((shown) => !!document.querySelector('.live-clock') === shown, {}, i % 2 === 1);
  }
  const { shown } = await scanned(page);
  const all = JSON.stringify(shown, null, 1);
  expect(
    shown.filter((s) => s.severity !== 'info' && /live-clock|LiveClock/.test(s.text)),
    all,
  ).toEqual([]);
  await page.close();
});

test('Removed iframes whose windows are kept: Scan ends, reports the kept windows, and the panel keeps working', async () => {
  const page = await openPage(session, 'robust/kept-frames.html');
  await page.evaluate('openPreviews(3)');
  const t0 = Date.now();
  // Before the fix CDP's deep serialization of a removed frame's window never answered: the scan hung, then the
  // page's session died. pressScan waits at most 60 s and fails on a scan error.
  const { panel, shown } = await scanned(page);
  const scanMs = Date.now() - t0;
  const all = JSON.stringify(shown, null, 1);
  const windows = shown.filter((s) => /removed frame's window is kept alive/.test(s.text));
  expect(windows.length, all).toBe(1);
  expect(windows[0].severity, all).not.toBe('info');
  // One suspect ×3, its chain from the page's own variable to the window.
  expect(windows[0].text, all).toMatch(/×3/);
  expect(windows[0].text, all).toMatch(/script const previewWindows/);
  expect(windows[0].text, all).toMatch(/Window \(of a removed frame\)/);
  expect(scanMs, `scan took ${scanMs} ms`).toBeLessThan(30_000);
  // The page and the panel still answer: another scan on the same page ends and reports the same.
  await page.evaluate('openPreviews(1)');
  await pressScan(panel);
  const again = await shownSuspects(panel);
  expect(
    again.some((s) => /removed frame's window is kept alive/.test(s.text) && /×4/.test(s.text)),
    JSON.stringify(again, null, 1),
  ).toBe(true);
  expect(await page.evaluate('previewWindows.length')).toBe(4);
  await page.close();
});
