import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the Leakscope panel is registered in DevTools and renders', async () => {
  const page = await openPage(session, 'clean.html');
  const { devtools, panel } = await showPanel(session, page);
  expect(await panel.$eval('#app', (el) => el.textContent)).toContain('Leakscope');
  await screenshotPanel(devtools, 'smoke');
});
