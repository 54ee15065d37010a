/**
 * Scan in the real DevTools panel (chrome.debugger, the hook and relay in the page) on every leak fixture: each
 * seeded leak is listed with the right kind and a chain that names the user's variable; clean pages list nothing
 * above info. The same fixtures are checked in depth through a trusted transport in live-*.test.ts.
 */
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, type Session, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

interface Shown {
  kind: string;
  severity: string;
  /** The suspect's row and its expanded chain and fix, as text. */
  text: string;
}

async function scanInPanel(path: string, prepare?: string): Promise<Shown[]> {
  const page = await openPage(session, path);
  if (prepare) await page.evaluate(prepare);
  const { panel } = await showPanel(session, page);
  const scan = await panel.waitForSelector('::-p-aria(Scan)');
  await panel.waitForFunction((b) => !(b as HTMLButtonElement).disabled, { timeout: 30_000 }, scan);
  await scan!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    {
      timeout: 60_000,
    },
  );
  expect(await panel.$('[data-testid="scan-error"]')).toBeNull();
  const shown = await expand(panel);
  await page.close();
  return shown;
}

async function expand(panel: Frame): Promise<Shown[]> {
  await panel.$$eval('[aria-label="Suspects"] [role="row"][aria-expanded="false"]', (rows) => {
    for (const r of rows) r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  });
  return panel.$$eval('[aria-label="Suspects"] [role="row"][aria-rowindex]', (rows) => {
    const out: { kind: string; severity: string; text: string }[] = [];
    for (const r of rows as HTMLElement[]) {
      if (r.dataset.kind)
        out.push({ kind: r.dataset.kind, severity: r.dataset.severity ?? '', text: r.textContent ?? '' });
      else if (out.length) out[out.length - 1].text += `\n${r.textContent ?? ''}`;
    }
    return out;
  });
}

const CASES: { path: string; prepare?: string; kind: string; names: RegExp }[] = [
  { path: 'leaks/dialog-listener.html', kind: 'listener', names: /closure variable dlg/ },
  { path: 'leaks/cell-index.html', kind: 'detached-dom', names: /const cellIndex/ },
  {
    path: 'leaks/deep-global-array.html',
    kind: 'detached-dom',
    names: /handlers[\s\S]*4321[\s\S]*payload[\s\S]*node/,
  },
  { path: 'leaks/replace-thing.html', kind: 'detached-dom', names: /closure variable originalThing/ },
  { path: 'leaks/accidental-global.html', kind: 'global', names: /resultCache/ },
  // With the extension the hook is in the page, so the interval's callback is a root.
  { path: 'leaks/ticker-interval.html', kind: 'timer', names: /setInterval[\s\S]*Ticker[\s\S]*el/ },
  { path: 'leaks/oversized-image.html', kind: 'image', names: /4000/ },
];

describe('every leak fixture, scanned in the real panel', () => {
  for (const c of CASES) {
    test(`${c.path}: a ${c.kind} suspect whose chain names the user's code`, async () => {
      const shown = await scanInPanel(c.path, c.prepare);
      const match = shown.find((s) => s.kind === c.kind && c.names.test(s.text));
      expect(match, JSON.stringify(shown.map((s) => [s.kind, s.text.slice(0, 300)]))).toBeDefined();
    });
  }
  for (const path of ['leaks/clean-dialogs.html', 'leaks/clean-app.html', 'leaks/clean-images.html']) {
    test(`${path}: nothing above info`, async () => {
      const shown = await scanInPanel(path);
      expect(shown.filter((s) => s.severity !== 'info').map((s) => s.text.slice(0, 200))).toEqual([]);
    });
  }
});
