import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('Scan after "Show oversized image" on the demo page: the Images tab shows it with 48,000,000 bytes decoded', async () => {
  const page = await openPage(session, 'demo/index.html');
  await page.evaluate(async () => {
    document.getElementById('oversized-image')!.click();
    const img = document.querySelector('#image-host img') as HTMLImageElement;
    await img.decode();
  });
  const { panel } = await showPanel(session, page);
  // DevTools docked below shrinks the page's viewport (at its own pace): put the image at the top of the page so
  // it is in view whatever the final height, and its state is "in document".
  await page.evaluate(() => {
    document.body.prepend(document.getElementById('image-host')!);
    window.scrollTo(0, 0);
  });
  const images = await panel.waitForSelector('[role="tab"][data-tab="images"]');
  // Before a scan the tab teaches what it will show.
  await images!.evaluate((el) => (el as HTMLElement).click());
  expect(await panel.$eval('[role="tabpanel"]', (el) => el.textContent)).toMatch(/width × height × 4 bytes/);
  const scan = await panel.waitForSelector('::-p-aria(Scan)');
  await scan!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    {
      timeout: 60_000,
    },
  );
  expect(await panel.$('[data-testid="scan-error"]')).toBeNull();
  // The oversized image is also a suspect.
  const suspectKinds = await panel.$$eval('[aria-label="Suspects"] [role="row"][data-kind]', (rows) =>
    rows.map((r) => `${(r as HTMLElement).dataset.kind}:${(r as HTMLElement).dataset.severity}`),
  );
  expect(suspectKinds).toContain('image:high');
  await images!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector('[aria-label="Images"] [role="row"][data-kind="img"]');
  const rows = await panel.$$eval('[aria-label="Images"] [role="row"][data-kind="img"]', (rs) =>
    rs.map((r) => ({
      state: (r as HTMLElement).dataset.state,
      cells: [...r.querySelectorAll('[role="gridcell"]')].map((c) => ({
        text: c.textContent?.trim() ?? '',
        title: c.getAttribute('title') ?? '',
      })),
    })),
  );
  const big = rows.find((r) => r.cells[1]?.text === '4,000 × 3,000');
  expect(big, JSON.stringify(rows)).toBeDefined();
  const [label, natural, displayed, decoded, , wasted, state] = big!.cells;
  expect(label.text).toMatch(/^data:image\/jpeg;base64,… \([\d,]+ chars\)$/);
  expect(natural.text).toBe('4,000 × 3,000');
  expect(displayed.text).toBe('160 × 120');
  // 4000 × 3000 × 4 = 48,000,000 bytes, shown in binary units; the exact count is the cell's tooltip.
  expect(decoded.text).toBe('45.8 MiB');
  expect(decoded.title).toBe('48,000,000 bytes');
  expect(wasted.text).toMatch(/^45\.\d MiB$/);
  expect(state.text).toBe('in document');
  expect(big!.state).toBe('visible');
  const totals = await panel.$eval('[data-testid="image-totals"]', (el) => el.textContent ?? '');
  expect(totals).toMatch(/45\.8 MiB decoded/);
  await screenshotPanel(panel, 'panel-images');
});
