import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('Force GC collects garbage in the inspected page and reports the heap before and after', async () => {
  const page = await openPage(session, 'panel/weakref.html');
  expect(await page.evaluate('window.ref.deref() !== undefined')).toBe(true);
  const { panel } = await showPanel(session, page);
  await panel.waitForSelector('[data-testid="status"][data-level="ok"]');
  const button = await panel.waitForSelector('::-p-aria(Force GC)');
  await button!.click();
  const result = await panel.waitForSelector('[data-testid="gc-result"]', { timeout: 15_000 });
  expect(await result!.evaluate((el) => el.textContent)).toMatch(/JS heap .+ → .+ \(freed .+\) in \d/);
  // The WeakRef's target had no other reference: a real full GC must have cleared it.
  expect(await page.evaluate('window.ref.deref() === undefined')).toBe(true);
  await screenshotPanel(panel, 'panel-gc');
});

test('counters show the renderer’s DOM nodes and JS heap, sampled every second', async () => {
  const page = await openPage(session, 'demo/index.html');
  const { panel } = await showPanel(session, page);
  const nodes = async () =>
    Number(
      await panel.$eval(
        '[data-counter="nodes"] .ls-counter-value',
        (el) => (el as HTMLElement).dataset.value,
      ),
    );
  await panel.waitForFunction(
    () =>
      Number(document.querySelector<HTMLElement>('[data-counter="nodes"] .ls-counter-value')?.dataset.value) >
      0,
  );
  const before = await nodes();
  await page.evaluate(() => {
    for (let i = 0; i < 3000; i++) document.body.appendChild(document.createElement('span'));
  });
  await panel.waitForFunction(
    (b: number) =>
      Number(
        document.querySelector<HTMLElement>('[data-counter="nodes"] .ls-counter-value')?.dataset.value,
      ) >=
      b + 3000,
    { timeout: 10_000 },
    before,
  );
  const heap = await panel.$eval('[data-counter="jsHeapUsed"] .ls-counter-value', (el) => el.textContent);
  expect(heap).toMatch(/\d+(\.\d)? (KiB|MiB)/);
});
