/**
 * Accidental globals in the real DevTools panel (chrome.debugger from the extension, the hook in the page): the
 * libraries' exports are no suspect above info, the page's own undeclared assignment is, with a link to it.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type Session } from './harness.ts';
import { scanInPanel } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('React + ReactDOM UMD app: no global suspect above info', async () => {
  const shown = await scanInPanel(session, 'globals/react-app.html');
  expect(shown.filter((s) => s.kind === 'global' && s.severity !== 'info').map((s) => s.text)).toEqual([]);
});

test("the page's own `lastEvent = e` next to five libraries: an accidental global linked to its line", async () => {
  const shown = await scanInPanel(session, 'globals/sloppy-with-libraries.html');
  const globals = shown.filter((s) => s.kind === 'global' && s.severity !== 'info');
  expect(globals.map((s) => s.text.match(/Accidental global `\w+`/)?.[0])).toEqual([
    'Accidental global `sentBatch`',
    'Accidental global `lastEvent`',
  ]);
  // 1-based in the panel: the page's line 16, column 5; analytics.js line 8, column 3.
  expect(globals[1].text).toContain('/globals/sloppy-with-libraries.html:16:5');
  expect(globals[0].text).toContain('/globals/analytics.js:8:3');
});
