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
