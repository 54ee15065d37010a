/**
 * TodoMVC-style apps built on real frameworks' production builds (tests/fixtures/pages/apps/), used as a person
 * would with DevTools and the Leakscope panel open, then scanned in the real panel: a clean app shows nothing above
 * info.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { pressScan, type Shown, shownSuspects } from './panel-helpers.ts';
import { useTodoApp } from './todo-driver.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const APPS = ['react', 'vue', 'preact', 'lit', 'backbone', 'jquery', 'zone'];

async function useAndScan(app: string): Promise<Shown[]> {
  const page = await openPage(session, `apps/${app}.html`);
  const { panel } = await showPanel(session, page);
  await useTodoApp(page);
  await pressScan(panel);
  const shown = await shownSuspects(panel);
  await page.close();
  return shown;
}

describe('clean framework apps, used and scanned in the real panel', () => {
  for (const app of APPS) {
    test(`apps/${app}.html: add, complete, delete, filter, clear completed, Scan: nothing above info`, async () => {
      const shown = await useAndScan(app);
      const above = shown
        .filter((s) => s.severity !== 'info')
        .map((s) => `${s.kind} (${s.severity}): ${s.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      expect(above).toEqual([]);
    });
  }
});

// #10 item 6: about one Scan in five on a React todo app ended in "Target closed". Twenty in a row, with the app
// used between them as a person would, must all end with a result and leave the page and the panel's session alive.
test('apps/react.html: 20 scans in a row, the app used between them, every one ends with a result', async () => {
  const page = await openPage(session, 'apps/react.html');
  const { panel } = await showPanel(session, page);
  await useTodoApp(page);
  const ended: string[] = [];
  for (let i = 0; i < 20; i++) {
    if (i % 4 === 3) {
      // Add one todo and delete it again: the app re-renders and allocates between scans.
      await page.click('.new-todo');
      await page.type('.new-todo', `Scan ${i}`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.todo-list li').length === 3, {
        timeout: 10_000,
      });
      await page.click('.todo-list li:last-child .destroy');
      await page.waitForFunction(() => document.querySelectorAll('.todo-list li').length === 2, {
        timeout: 10_000,
      });
    }
    await pressScan(panel); // fails on a scan error (the panel shows "The scan stopped — …")
    ended.push(
      (await panel.$eval('[data-testid="scan-summary"], [data-testid="no-suspects"]', (el) =>
        el.getAttribute('data-testid'),
      )) ?? '',
    );
  }
  expect(ended).toHaveLength(20);
  expect(await page.evaluate(() => document.querySelectorAll('.todo-list li').length)).toBe(2);
  await page.close();
});
