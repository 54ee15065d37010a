import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { openHeapSession } from './heap-capture.ts';

let session: Session;
let dir: string;
beforeAll(async () => {
  session = await launch();
  dir = mkdtempSync(join(tmpdir(), 'leakscope-snapshots-'));
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openSnapshots(panel: Frame): Promise<ElementHandle<HTMLInputElement>> {
  const tab = await panel.waitForSelector('[role="tab"][data-tab="snapshots"]');
  await tab!.evaluate((el) => (el as HTMLElement).click());
  return (await panel.waitForSelector('input[type="file"]')) as ElementHandle<HTMLInputElement>;
}

test('an imported heap snapshot shows the detached table and the chain through the user’s cellIndex', async () => {
  // A real snapshot of a fixture page, taken through puppeteer's own (trusted) CDP session.
  const fixture = await openPage(session, 'heap/detached-table.html');
  const heap = await openHeapSession(fixture);
  const file = join(dir, 'detached-table.heapsnapshot');
  await heap.capture(file);
  await heap.close();

  const page = await openPage(session, 'demo/index.html');
  const { panel } = await showPanel(session, page);
  const input = await openSnapshots(panel);
  await input.uploadFile(file);
  const summary = await panel.waitForSelector('[data-testid="snapshot-summary"]', { timeout: 30_000 });
  expect(await summary!.evaluate((el) => el.textContent)).toMatch(
    /detached-table\.heapsnapshot · [\d,]+ objects/,
  );

  // The Detached DOM section lists the table (46 DOM nodes) held through the script's `cellIndex` Map.
  await panel.waitForSelector('[data-section="detached"][aria-selected="true"]');
  const rows = await panel.$$eval('[aria-label="Detached DOM"] [role="row"][aria-rowindex]', (els) =>
    els.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '')),
  );
  const table = rows.find((r) => r[0].includes('<table>'));
  expect(table, JSON.stringify(rows)).toBeDefined();
  expect(table![1]).toBe('46');
  expect(table![3]).toContain('cellIndex');
  // Expanding the row lists the chain hop by hop, the user's variable among them.
  const first = await panel.$('[aria-label="Detached DOM"] [role="grid"], [aria-label="Detached DOM"]');
  await first!.evaluate((grid) => {
    const row = [...grid.querySelectorAll('[role="row"][aria-rowindex]')].find((r) =>
      r.textContent?.includes('<table>'),
    );
    (row as HTMLElement).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  });
  await panel.waitForFunction(() =>
    [...document.querySelectorAll('[aria-label="Detached DOM"] [data-child="true"]')].some((r) =>
      r.textContent?.includes('cellIndex'),
    ),
  );
  await screenshotPanel(panel, 'panel-snapshot');
});

test('a file that is not a heap snapshot gives a clear message, and the panel keeps working', async () => {
  const bad = join(dir, 'notes.heapsnapshot');
  writeFileSync(bad, '{"snapshot": {"meta": ');
  const page = await openPage(session, 'demo/index.html');
  const { panel } = await showPanel(session, page);
  const input = await openSnapshots(panel);
  await input.uploadFile(bad);
  const error = await panel.waitForSelector('[data-testid="snapshot-error"]', { timeout: 15_000 });
  const text = await error!.evaluate((el) => el.textContent ?? '');
  expect(text).toContain('Could not analyse notes.heapsnapshot');
  expect(text.length).toBeLessThan(400);
  // Still responsive: the Overview tab renders.
  await (await panel.$('[data-tab="overview"]'))!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector('[data-counter="nodes"]');
});
