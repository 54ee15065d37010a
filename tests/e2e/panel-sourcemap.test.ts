import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { openTab } from './panel-helpers.ts';

// tests/fixtures/pages/sourcemap: a minified esbuild bundle (bundle.js + bundle.js.map, and inline.js with a
// data: map) of src/dialog.ts, whose line 7 registers the resize listener and line 10 the interval.
let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** The grid's callsite links once `atLeast` are in the fixture's bundles and all of those show an original position. */
async function mappedLinks(
  panel: Frame,
  grid: string,
  atLeast: number,
): Promise<{ text: string; gen: string; title: string }[]> {
  await panel.waitForFunction(
    (grid, atLeast) => {
      const links = [
        ...document.querySelectorAll<HTMLElement>(`[aria-label="${grid}"] button[data-generated]`),
      ];
      const ours = links.filter((l) => /\/sourcemap\/(bundle|inline)\.js:/.test(l.dataset.generated ?? ''));
      return ours.length >= atLeast && ours.every((l) => l.dataset.original);
    },
    { timeout: 15_000 },
    grid,
    atLeast,
  );
  return panel.$$eval(`[aria-label="${grid}"] button[data-original]`, (links) =>
    links.map((l) => ({
      text: l.textContent ?? '',
      gen: (l as HTMLElement).dataset.generated ?? '',
      title: l.getAttribute('title') ?? '',
    })),
  );
}

/** DevTools' selected panel and, in Sources, the open file's URL. */
function devtoolsView(devtools: Page): Promise<{ panel: string; file: string | null }> {
  return devtools.evaluate(`(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const panel = UI.InspectorView.InspectorView.instance().tabbedPane.selectedTabId;
    let file = null;
    try {
      const Sources = await import('./panels/sources/sources.js');
      file = Sources.SourcesPanel.SourcesPanel.instance().sourcesView().currentUISourceCode()?.url() ?? null;
    } catch {}
    return { panel, file };
  })()`) as Promise<{ panel: string; file: string | null }>;
}

test('Listeners, Timers and Suspects show original positions for a minified bundle, and open the original', async () => {
  const page = await openPage(session, 'sourcemap/index.html');
  const { panel, devtools } = await showPanel(session, page);
  // Registrations made while the panel listens carry their callsites.
  await page.evaluate('leak(2); leakInline(2)');

  await openTab(panel, 'listeners');
  const listeners = await mappedLinks(panel, 'Listeners', 2);
  // Both the external map (bundle.js.map) and the inline data: map (inline.js) are read.
  expect(listeners.some((l) => /\/bundle\.js:1:\d+$/.test(l.gen))).toBe(true);
  expect(listeners.some((l) => /\/inline\.js:1:\d+$/.test(l.gen))).toBe(true);
  for (const l of listeners) {
    expect(l.text).toMatch(/^\/sourcemap\/src\/dialog\.ts:7:\d+$/);
    expect(l.title).toContain(`generated: ${l.gen}`);
  }
  await screenshotPanel(panel, 'panel-sourcemap-listeners');

  await openTab(panel, 'timers');
  const timers = await mappedLinks(panel, 'Timers', 2);
  expect(timers.map((t) => t.text)).toContain(timers[0].text);
  for (const t of timers) expect(t.text).toMatch(/^\/sourcemap\/src\/dialog\.ts:10:\d+$/);

  // The scan's callsites come from [[FunctionLocation]] (scriptId): mapped the same way.
  const scan = await panel.waitForSelector('::-p-aria(Scan)');
  await scan!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector('[data-testid="scan-summary"]', { timeout: 60_000 });
  const suspects = await mappedLinks(panel, 'Suspects', 1);
  expect(suspects.some((s) => /^\/sourcemap\/src\/dialog\.ts:\d+:\d+$/.test(s.text))).toBe(true);

  // "Open source" opens the original file in Sources (DevTools loaded the same map).
  await panel.$eval('[aria-label="Suspects"] button[data-original]', (el) => (el as HTMLElement).click());
  await devtools.waitForFunction(
    `(async () => {
      const Sources = await import('./panels/sources/sources.js');
      return Sources.SourcesPanel.SourcesPanel.instance().sourcesView().currentUISourceCode()?.url()?.endsWith('/src/dialog.ts') === true;
    })()`,
    { timeout: 15_000, polling: 200 },
  );
  expect(await devtoolsView(devtools)).toMatchObject({ panel: 'sources' });
});

test('with DevTools’ own source maps turned off, "open source" falls back to the generated script', async () => {
  const page = await openPage(session, 'sourcemap/index.html');
  const { panel, devtools } = await showPanel(session, page);
  // DevTools then has no original source to open: openResource(original) is refused, the bundle opens instead.
  await devtools.evaluate(`(async () => {
    const Common = await import('./core/common/common.js');
    Common.Settings.Settings.instance().moduleSetting('js-source-maps-enabled').set(false);
  })()`);
  await page.evaluate('leak(1)');
  await openTab(panel, 'listeners');
  const [link] = await mappedLinks(panel, 'Listeners', 1);
  expect(link.text).toMatch(/^\/sourcemap\/src\/dialog\.ts:7:\d+$/); // the panel's own reading of the map
  await panel.$eval('[aria-label="Listeners"] button[data-original]', (el) => (el as HTMLElement).click());
  await devtools.waitForFunction(
    `(async () => {
      const Sources = await import('./panels/sources/sources.js');
      return /\\/sourcemap\\/(bundle|inline)\\.js$/.test(
        Sources.SourcesPanel.SourcesPanel.instance().sourcesView().currentUISourceCode()?.url() ?? '');
    })()`,
    { timeout: 15_000, polling: 200 },
  );
});
