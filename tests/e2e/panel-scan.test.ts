import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

interface SuspectRow {
  kind: string;
  severity: string;
  text: string;
}

async function runScan(panel: Frame): Promise<SuspectRow[]> {
  const scan = await panel.waitForSelector('::-p-aria(Scan)');
  await scan!.evaluate((el) => (el as HTMLElement).click());
  await panel.waitForSelector(
    '[data-testid="scan-summary"], [data-testid="no-suspects"], [data-testid="scan-error"]',
    {
      timeout: 60_000,
    },
  );
  expect(await panel.$('[data-testid="scan-error"]')).toBeNull();
  return panel.$$eval('[aria-label="Suspects"] [role="row"][data-kind]', (rows) =>
    rows.map((r) => ({
      kind: (r as HTMLElement).dataset.kind ?? '',
      severity: (r as HTMLElement).dataset.severity ?? '',
      text: r.textContent ?? '',
    })),
  );
}

/** Expands every suspect row and returns the text of all chain hops and fixes shown. */
async function expandedText(panel: Frame): Promise<string> {
  await panel.$$eval('[aria-label="Suspects"] [role="row"][aria-expanded="false"]', (rows) => {
    for (const r of rows) r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
  });
  return panel.$$eval('[aria-label="Suspects"] [data-child="true"]', (rows) =>
    rows.map((r) => r.textContent).join('\n'),
  );
}

test('Scan on the demo page finds each leak the user triggered, with chains naming the user’s variables', async () => {
  const page = await openPage(session, 'demo/index.html');
  await page.evaluate(() => {
    for (let i = 0; i < 3; i++) document.getElementById('dialog')!.click();
    document.getElementById('cell-index')!.click();
    document.getElementById('accidental-global')!.click();
  });
  const { panel } = await showPanel(session, page);
  const suspects = await runScan(panel);
  const kinds = suspects.map((s) => s.kind);
  expect(kinds).toContain('detached-dom');
  expect(kinds).toContain('global');
  // The three dialogs leaked the same way: one suspect ×3, not three.
  const dialogs = suspects.filter((s) => s.text.includes('×3'));
  expect(dialogs.length, JSON.stringify(suspects)).toBeGreaterThan(0);
  const chains = await expandedText(panel);
  expect(chains).toMatch(/closure variable dlg/);
  expect(chains).toMatch(/cellIndex/);
  expect(chains).toMatch(/Fix: /);
  // The removed dialog at the end of the listener's chain cannot be shown in Elements: it says so, with no Reveal.
  const dialogHops = await panel.$$eval('[aria-label="Suspects"] [data-child="true"]', (rows) =>
    rows
      .filter((r) => r.textContent?.includes('closure variable dlg'))
      .map((r) => ({
        text: r.textContent ?? '',
        reveal: !!r.querySelector('button[aria-label="Reveal in Elements"]'),
      })),
  );
  expect(dialogHops.length).toBeGreaterThan(0);
  for (const hop of dialogHops)
    expect(hop).toEqual({ text: expect.stringContaining('detached: not in the document'), reveal: false });
  expect(suspects.find((s) => s.kind === 'global')?.text).toContain('leakedRows');
  // Callsites name the script and line of the function that holds the leak, as links to Sources.
  expect(
    suspects.some((s) => /\/demo\/leaks\.js:\d+:\d+/.test(s.text)),
    JSON.stringify(suspects),
  ).toBe(true);
  await screenshotPanel(panel, 'panel-suspects');
});

test('Scan on a clean page reports nothing above info, and says what it checked', async () => {
  const page = await openPage(session, 'clean.html');
  const { panel } = await showPanel(session, page);
  const suspects = await runScan(panel);
  expect(suspects.filter((s) => s.severity !== 'info')).toEqual([]);
  const summary = await panel.$eval(
    '[data-testid="no-suspects"], [data-testid="scan-summary"]',
    (el) => el.textContent,
  );
  expect(summary).toMatch(/detached/);
});
