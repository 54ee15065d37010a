import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openPage, type Session, screenshotPanel, showPanel } from './harness.ts';
import { gridRows, openTab, pressScan } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the Listeners and Timers views show what the page registered, with callsites and removed targets flagged', async () => {
  const page = await openPage(session, 'panel/registrations.html');
  const { panel } = await showPanel(session, page);
  await openTab(panel, 'listeners');
  await panel.waitForFunction(() => document.querySelectorAll('.ls-grid-body [role="row"]').length >= 4, {
    timeout: 10_000,
  });
  let rows = await gridRows(panel);
  const find = (type: string) => rows.find((r) => r[1] === type);
  expect(find('resize')?.[0]).toBe('window');
  expect(find('scroll')?.[4]).toContain('passive');
  expect(find('click')?.[0]).toBe('<button#btn>');
  // The mouseover listener's target was removed from the document but is still referenced by the page.
  expect(find('mouseover')?.[0]).toBe('<div#doomed>');
  expect(find('mouseover')?.[3]).toBe('removed from document');
  // Ages count from the page's own registration time (its clock, not the panel's): a second or more, not 0 ms.
  expect(find('resize')?.[6]).toMatch(/^\d+(\.\d)? s$/);

  // Registrations made while the panel is connected carry their callsite (registrations.js line 14).
  await page.evaluate('addMore(25)');
  await panel.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('.ls-grid-body [role="row"]')].some(
        (r) => r.dataset.type === 'message',
      ),
    { timeout: 10_000 },
  );
  rows = await gridRows(panel);
  const message = find('message')!;
  expect(message[2]).toBe('25');
  expect(message[7]).toMatch(/\/panel\/registrations\.js:14:\d+ · registered$/);
  expect(await panel.$eval('[role="tab"][data-tab="listeners"] .ls-count', (el) => el.textContent)).toBe(
    '29',
  );
  await screenshotPanel(panel, 'panel-listeners');

  await openTab(panel, 'timers');
  await panel.waitForFunction(
    () => document.querySelectorAll('[aria-label="Timers"] [role="row"][aria-rowindex]').length >= 2,
  );
  const timers = await gridRows(panel);
  const interval = timers.find((r) => r[0] === 'setInterval')!;
  expect(interval[2]).toBe('500 ms');
  expect(timers.find((r) => r[0] === 'setTimeout')?.[2]).toBe('10 min 00 s');
  // The interval keeps running: its run count grows.
  await panel.waitForFunction(
    () =>
      [...document.querySelectorAll('.ls-grid-body [role="row"]')].some(
        (r) =>
          r.firstElementChild?.textContent?.includes('setInterval') &&
          Number(r.children[4]?.textContent) >= 2,
      ),
    { timeout: 10_000 },
  );
  await page.evaluate('clearInterval(poll)');
  await panel.waitForFunction(
    () =>
      ![...document.querySelectorAll('.ls-grid-body [role="row"]')].some((r) =>
        r.textContent?.includes('setInterval'),
      ),
    { timeout: 10_000 },
  );
  await screenshotPanel(panel, 'panel-timers');
});

test('registrations made before the panel opened show where their callbacks are defined once a Scan ran', async () => {
  const page = await openPage(session, 'panel/registrations.html');
  const { panel } = await showPanel(session, page);
  await openTab(panel, 'listeners');
  await panel.waitForFunction(() => document.querySelectorAll('.ls-grid-body [role="row"]').length >= 4, {
    timeout: 10_000,
  });
  const callsiteOf = async (type: string) => (await gridRows(panel)).find((r) => r[1] === type)?.at(-1);
  // The hook saw these registrations while dormant: no "registered at" (that needs a reload with the panel open).
  expect(await callsiteOf('resize')).toBe('—');

  await pressScan(panel);
  await openTab(panel, 'listeners');
  await panel.waitForFunction(
    () => document.querySelector('.ls-grid-body [role="row"][data-type="resize"] .ls-callsite-kind') !== null,
    { timeout: 10_000 },
  );
  // registrations.js: onResize on line 2, the button's handler on line 6, the removed <div>'s on line 8.
  expect(await callsiteOf('resize')).toMatch(/^\/panel\/registrations\.js:2:\d+ · defined$/);
  expect(await callsiteOf('scroll')).toMatch(/^\/panel\/registrations\.js:3:\d+ · defined$/);
  expect(await callsiteOf('click')).toMatch(/^\/panel\/registrations\.js:6:\d+ · defined$/);
  expect(await callsiteOf('mouseover')).toMatch(/^\/panel\/registrations\.js:8:\d+ · defined$/);
  // A registration made now, with the panel connected, says where it was registered.
  await page.evaluate('addMore(1)');
  await panel.waitForFunction(
    () => document.querySelector('.ls-grid-body [role="row"][data-type="message"]') !== null,
    { timeout: 10_000 },
  );
  expect(await callsiteOf('message')).toMatch(/^\/panel\/registrations\.js:14:\d+ · registered$/);
  const title = await panel.$eval('.ls-grid-body [role="row"][data-type="resize"] button[data-kind]', (b) =>
    b.getAttribute('title'),
  );
  expect(title).toMatch(/registered before Leakscope was connected/);

  await openTab(panel, 'timers');
  await panel.waitForFunction(
    () =>
      document.querySelectorAll('[aria-label="Timers"] [role="row"][aria-rowindex] .ls-callsite-kind')
        .length >= 2,
    { timeout: 10_000 },
  );
  const timers = await gridRows(panel);
  expect(timers.find((r) => r[0] === 'setInterval')?.at(-1)).toMatch(
    /^\/panel\/registrations\.js:11:\d+ · defined$/,
  );
  expect(timers.find((r) => r[0] === 'setTimeout')?.at(-1)).toMatch(
    /^\/panel\/registrations\.js:12:\d+ · defined$/,
  );
  await screenshotPanel(panel, 'panel-timers-defined-at');
});

test('iframes (same-origin, srcdoc, about:blank from markup and from script) report their own registrations, shown together with a Frame column', async () => {
  const page = await openPage(session, 'panel/frames.html');
  const { panel } = await showPanel(session, page);
  await openTab(panel, 'listeners');
  await panel.waitForFunction(
    () => document.querySelectorAll('[aria-label="Listeners"] [role="row"][aria-rowindex]').length >= 5,
    { timeout: 20_000 },
  );
  const rows = await gridRows(panel);
  const byEvent = (type: string) => rows.find((r) => r.includes(type));
  expect(byEvent('resize')?.[1]).toBe('top');
  expect(byEvent('message')?.[1]).toMatch(/\/panel\/child\.html$/);
  expect(byEvent('keydown')?.[1]).toBe('about:srcdoc');
  // The parent's listeners on about:blank frames' windows: the frames' own hook saw them, even on a frame
  // created from script and used in the same task.
  expect(byEvent('pointerdown')?.[1]).toBe('about:blank');
  expect(byEvent('wheel')?.[1]).toBe('about:blank');
  expect(byEvent('wheel')).toContain('inMadeBlank');
  await openTab(panel, 'timers');
  await panel.waitForSelector('[aria-label="Timers"] [role="row"][aria-rowindex]');
  const timers = await gridRows(panel);
  expect(timers[0]?.[1]).toMatch(/\/panel\/child\.html$/);
});

test('a page that froze EventTarget.prototype and locked its own setTimeout before the hook ran: the page works as without Leakscope, the Overview names what is not tracked, the rest is tracked', async () => {
  const page = await session.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Runs before any extension's document_start script (as another extension or an enterprise policy script might).
  await page.evaluateOnNewDocument(`
    Object.freeze(EventTarget.prototype);
    (() => {
      const native = setTimeout;
      Object.defineProperty(window, 'setTimeout', {
        value: function setTimeout(f, d) { window.ownTimers = (window.ownTimers || 0) + 1; return native(f, d); },
        writable: false,
        configurable: false,
      });
    })();
  `);
  await page.goto(session.server.url('lifecycle/a.html'), { waitUntil: 'load' });
  const { panel } = await showPanel(session, page);
  const works = await page.evaluate(`(() => {
    let fired = 0;
    document.body.addEventListener('x', () => fired++);
    document.body.dispatchEvent(new Event('x'));
    const before = window.ownTimers || 0;
    setTimeout(() => {}, 1);
    window.kept = setInterval(() => {}, 60000);
    return { fired, ownTimers: window.ownTimers - before, frozen: Object.isFrozen(EventTarget.prototype) };
  })()`);
  expect(works).toEqual({ fired: 1, ownTimers: 1, frozen: true });
  const note = await panel.waitForSelector('[data-testid="untracked-apis"]', { timeout: 20_000 });
  expect(await note!.evaluate((el) => el.textContent)).toMatch(
    /Not tracked on this page.*addEventListener, removeEventListener, setTimeout$/,
  );
  // What the page left alone is still tracked: its interval shows up on the Overview.
  await panel.waitForFunction(
    () => document.querySelector('[data-counter="intervals"] .ls-counter-value')?.textContent === '1',
    { timeout: 20_000, polling: 100 },
  );
  expect(errors).toEqual([]);
  await page.close();
});
