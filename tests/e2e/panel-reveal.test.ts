import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { openTab } from './panel-helpers.ts';

// tests/fixtures/pages/reveal: listeners on a plain button, a hostile id, two same-label items, an element in a
// closed shadow root, an input in a same-origin iframe, and a target that left the document.
let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const HOSTILE_ID = 'x"),window.__pwned=1,("';

interface Selected {
  panel: string;
  node: { name: string; id: string | null; cls: string | null; doc: string | null } | null;
}

/**
 * What DevTools shows: its selected panel and the node selected in Elements — `UI.Context.instance()
 * .flavor(SDK.DOMModel.DOMNode)` on Chromium 156 (`UI.context` no longer exists there).
 */
function selected(devtools: Page): Promise<Selected> {
  return devtools.evaluate(`(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const SDK = await import('./core/sdk/sdk.js');
    const panel = UI.InspectorView.InspectorView.instance().tabbedPane.selectedTabId;
    const n = UI.Context.Context.instance().flavor(SDK.DOMModel.DOMNode);
    return { panel, node: n ? {
      name: n.localName(), id: n.getAttribute('id') ?? null, cls: n.getAttribute('class') ?? null,
      doc: n.ownerDocument?.documentURL ?? null,
    } : null };
  })()`) as Promise<Selected>;
}

/** Clears DevTools' selection and switches back to our panel, so each reveal is seen afresh. */
async function backToPanel(devtools: Page, panel: Frame): Promise<void> {
  await devtools.evaluate(`(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const SDK = await import('./core/sdk/sdk.js');
    UI.Context.Context.instance().setFlavor(SDK.DOMModel.DOMNode, null);
  })()`);
  const extUrl = new URL(panel.url()).origin;
  await devtools.evaluate(`DevToolsAPI.showPanel(${JSON.stringify(`${extUrl}Leakscope`)})`);
}

/** Clicks the Reveal button of the listener row for `type` and waits until Elements selects a node. */
function reveal(panel: Frame, devtools: Page, type: string): Promise<Selected> {
  return revealAt(panel, devtools, `[aria-label="Listeners"] [role="row"][data-type="${type}"]`);
}

async function revealAt(panel: Frame, devtools: Page, row: string): Promise<Selected> {
  const button = await panel.waitForSelector(`${row} button[aria-label="Reveal in Elements"]`);
  await button!.evaluate((el) => (el as HTMLElement).click());
  await devtools.waitForFunction(
    `(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      const SDK = await import('./core/sdk/sdk.js');
      return UI.InspectorView.InspectorView.instance().tabbedPane.selectedTabId === 'elements' &&
        !!UI.Context.Context.instance().flavor(SDK.DOMModel.DOMNode);
    })()`,
    { timeout: 15_000, polling: 200 },
  );
  return selected(devtools);
}

test('Reveal in Elements selects the listener’s element: plain, hostile id, shadow root, same-origin iframe', async () => {
  const page = await openPage(session, 'reveal/index.html');
  const { panel, devtools } = await showPanel(session, page);
  await openTab(panel, 'listeners');
  await panel.waitForSelector('[aria-label="Listeners"] [role="row"][data-type="keydown"]', {
    timeout: 15_000,
  });

  expect(await reveal(panel, devtools, 'click')).toEqual({
    panel: 'elements',
    node: {
      name: 'button',
      id: 'save',
      cls: 'primary wide',
      doc: expect.stringMatching(/\/reveal\/index\.html$/),
    },
  });

  await backToPanel(devtools, panel);
  const hostile = await reveal(panel, devtools, 'mouseenter');
  expect(hostile.node).toMatchObject({ name: 'div', id: HOSTILE_ID });
  // The page's strings were never evaluated as code, nor parsed as markup.
  expect(await page.evaluate('window.__pwned')).toBeUndefined();

  await backToPanel(devtools, panel);
  expect((await reveal(panel, devtools, 'pointerdown')).node).toMatchObject({
    name: 'span',
    id: 'in-shadow',
  });

  await backToPanel(devtools, panel);
  expect((await reveal(panel, devtools, 'keydown')).node).toMatchObject({
    name: 'input',
    id: 'search',
    doc: expect.stringMatching(/\/reveal\/child\.html$/),
  });

  // Two items share one label: the first is shown, and the panel says it was one of two.
  await backToPanel(devtools, panel);
  expect((await reveal(panel, devtools, 'focus')).node).toMatchObject({ name: 'li', cls: 'item' });
  expect(
    await panel.$eval('[aria-label="Listeners"] [role="row"][data-type="focus"] [role="status"]', (el) =>
      el.textContent?.trim(),
    ),
  ).toBe('first of 2 matching elements');

  // A target that left the document has no Reveal button; its row says why.
  const gone = await panel.$eval('[aria-label="Listeners"] [role="row"][data-type="wheel"]', (row) => ({
    text: row.textContent,
    button: !!row.querySelector('button[aria-label="Reveal in Elements"]'),
  }));
  expect(gone).toEqual({ text: expect.stringContaining('removed from document'), button: false });
  // DevTools as the user sees it after the last Reveal: Elements with the first li.item selected.
  await screenshotPanel(panel, 'panel-reveal-elements');

  // The Images view (after a scan): an <img> in the document is revealed by the URL it shows.
  await backToPanel(devtools, panel);
  // A DOM lookup: the ARIA query handler does not answer once DevTools showed another panel in between.
  await panel.$$eval('button', (bs) =>
    (bs.find((b) => b.textContent?.trim() === 'Scan') as HTMLElement).click(),
  );
  await panel.waitForSelector('[data-testid="scan-summary"], [data-testid="no-suspects"]', {
    timeout: 60_000,
  });
  await openTab(panel, 'images');
  expect(
    (await revealAt(panel, devtools, '[aria-label="Images"] [role="row"][data-kind="img"]')).node,
  ).toMatchObject({
    name: 'img',
    id: 'logo',
  });
});

test('an element that left the document since the row was drawn says so instead of revealing', async () => {
  const page = await openPage(session, 'reveal/index.html');
  const { panel, devtools } = await showPanel(session, page);
  await openTab(panel, 'listeners');
  const button = await panel.waitForSelector(
    '[aria-label="Listeners"] [role="row"][data-type="click"] button[aria-label="Reveal in Elements"]',
    { timeout: 15_000 },
  );
  // Removed and clicked in one panel task, so the row is still drawn with its button when the click lands (a removal
  // from the test's own session let the hook's next batch redraw the row first, under load). inspectedWindow.eval
  // calls run in order, so the element is gone before the Reveal lookup runs.
  await button!.evaluate((el) => {
    chrome.devtools.inspectedWindow.eval("document.getElementById('save').remove()");
    (el as HTMLElement).click();
  });
  await page.waitForFunction(() => !document.getElementById('save'));
  const row = '[aria-label="Listeners"] [role="row"][data-type="click"]';
  // The status reads '…' while the lookup runs, then what happened — whether the hook's update (which hides the
  // button of a removed element) came before the answer or after it.
  const status = await panel.waitForFunction(
    (sel) => {
      const text = document.querySelector(`${sel} [role="status"]`)?.textContent?.trim();
      return text && text !== '…' ? text : null;
    },
    { timeout: 10_000 },
    row,
  );
  expect(String(await status.jsonValue()).trim()).toBe('no longer in the document');
  expect((await selected(devtools)).panel).not.toBe('elements');
  // Once the update has come, the button is gone and the answer to the click still reads.
  await panel.waitForFunction(
    (sel) => !document.querySelector(`${sel} button[aria-label="Reveal in Elements"]`),
    { timeout: 10_000 },
    row,
  );
  expect(await panel.$eval(`${row} [role="status"]`, (el) => el.textContent?.trim())).toBe(
    'no longer in the document',
  );
});

test('a chain hop on an element in the document can be revealed; the detached leaked node says why it cannot', async () => {
  const page = await openPage(session, 'reveal/index.html');
  const { panel, devtools } = await showPanel(session, page);
  await panel.$$eval('button', (bs) =>
    (bs.find((b) => b.textContent?.trim() === 'Scan') as HTMLElement).click(),
  );
  await panel.waitForSelector('[data-testid="scan-summary"]', { timeout: 60_000 });
  await panel.waitForSelector('[aria-label="Suspects"] [role="row"][data-kind="detached-dom"]');
  await panel.$$eval(
    '[aria-label="Suspects"] [role="row"][data-kind="detached-dom"][aria-expanded="false"]',
    (rows) => {
      for (const r of rows) r.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    },
  );
  const hops = await panel.$$eval('[aria-label="Suspects"] [data-child="true"]', (rows) =>
    rows.map((r) => ({
      text: r.textContent ?? '',
      reveal: !!r.querySelector('button[aria-label="Reveal in Elements"]'),
    })),
  );
  const holder = hops.find((h) => h.text.includes('<main id="app">'));
  expect(holder, JSON.stringify(hops)).toMatchObject({ reveal: true });
  const leaked = hops.find((h) => h.text.includes('<div class="stash">'));
  expect(leaked).toEqual({ text: expect.stringContaining('detached: not in the document'), reveal: false });

  const row = await panel.$$('[aria-label="Suspects"] [data-child="true"]');
  for (const r of row) {
    if (!(await r.evaluate((el) => el.textContent?.includes('<main id="app">')))) continue;
    await r.$eval('button[aria-label="Reveal in Elements"]', (b) => (b as HTMLElement).click());
    break;
  }
  await devtools.waitForFunction(
    `(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      const SDK = await import('./core/sdk/sdk.js');
      return UI.Context.Context.instance().flavor(SDK.DOMModel.DOMNode)?.getAttribute('id') === 'app';
    })()`,
    { timeout: 15_000, polling: 200 },
  );
  expect((await selected(devtools)).panel).toBe('elements');
});
