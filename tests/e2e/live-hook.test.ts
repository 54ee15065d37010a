/**
 * Timers as roots. With the real Leakscope hook (built extension in dist/) the scan reaches `leakscopeState` through
 * the wrapped setTimeout's [[Scopes]]; the test skips only if that state is not found. A second browser without
 * the extension runs the same check against a stand-in of the hook's contract (tests/fixtures/pages/leaks/emulated-hook.js).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_ROOT } from '../../scripts/serve.ts';
import { scan } from '../../src/live/index.ts';
import { chainText, findSuspects } from '../../src/suspects/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

describe('with the real hook', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch({ extension: true, devtools: false });
  });
  afterAll(async () => {
    await session?.close();
  });

  test('an interval keeping a removed <span> through a bound Ticker', async () => {
    const page = await openPage(session, 'leaks/ticker-interval.html');
    const t = await guardedTransportFor(page);
    const result = await scan(t);
    expect(result.timers, "the hook's leakscopeState was not found in the page").not.toBeNull();
    expect(t.refused).toEqual([]);
    expect(result.timers?.some((x) => x.kind === 'setInterval' && x.delay === 2000)).toBe(true);
    // The hook's private mailbox is a detached <div>; it must not be reported as the page's leak.
    expect(result.detached).toHaveLength(1);
    const s = findSuspects(result).find((x) => x.kind === 'timer');
    expect(s?.severity).toBe('medium');
    expect(chainText(s!.chain!)).toMatch(
      /^setInterval #\d+ \(2000 ms\) → callback → bound tick\(\) → bound this → Ticker → el → <span class="ticker">$/,
    );
    await page.close();
  });

  test("an arrow interval callback's `this` (real hook)", async () => {
    const page = await openPage(session, 'leaks/ticker-arrow.html');
    const result = await scan(await guardedTransportFor(page), { arrowThisWaitMs: 5000 });
    expect(result.timers, "the hook's leakscopeState was not found in the page").not.toBeNull();
    expect(result.detached[0].chain?.map((h) => h.edge)).toEqual(['callback', 'this', 'el']);
    await page.close();
  });

  test("the hook's own records and wrappers add no suspects and hide no leak", async () => {
    for (const path of ['clean-dialogs.html', 'clean-app.html']) {
      const page = await openPage(session, `leaks/${path}`);
      const result = await scan(await guardedTransportFor(page));
      expect(findSuspects(result).filter((s) => s.severity !== 'info')).toEqual([]);
      await page.close();
    }
    const page = await openPage(session, 'leaks/dialog-listener.html');
    const suspects = findSuspects(await scan(await guardedTransportFor(page)));
    expect(suspects.find((s) => s.kind === 'listener' && s.count === 6)?.chain?.[1].edge).toBe('dlg');
    await page.close();
  });
});

describe('with a stand-in of the hook contract', () => {
  let session: Session;
  const hook = readFileSync(join(FIXTURE_ROOT, 'leaks', 'emulated-hook.js'), 'utf8');
  beforeAll(async () => {
    session = await launch({ extension: false });
  });
  afterAll(async () => {
    await session?.close();
  });

  async function open(path: string) {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(hook);
    await page.goto(session.server.url(`leaks/${path}`), { waitUntil: 'load' });
    return page;
  }

  test('timer callbacks are roots labelled with kind, id and delay', async () => {
    const page = await open('ticker-interval.html');
    const t = await guardedTransportFor(page);
    const result = await scan(t);
    expect(result.timers).toHaveLength(1);
    const [tree] = result.detached;
    expect(tree.rootKind).toBe('timer');
    expect(tree.chain?.[0].holder).toMatch(/^setInterval #\d+ \(2000 ms\)$/);
    expect(tree.chain?.map((h) => h.edge)).toEqual(['callback', 'bound this', 'el']);
    await page.close();
  });

  test("an arrow callback's lexical `this` is recovered by a recording breakpoint condition, leaving no trace", async () => {
    const page = await open('ticker-arrow.html');
    const t = await guardedTransportFor(page);
    const symbols = "Object.getOwnPropertySymbols(window).length + ':' + Object.keys(window).length";
    const before = (
      await t.send<{ result: { value: string } }>('Runtime.evaluate', {
        expression: symbols,
        returnByValue: true,
      })
    ).result.value;
    // Generous wait: on a loaded CI machine the 2 s interval may run late.
    const result = await scan(t, { arrowThisWaitMs: 5000 });
    expect(t.refused).toEqual([]);
    const s = findSuspects(result).find((x) => x.kind === 'timer');
    expect(chainText(s!.chain!)).toMatch(
      /^setInterval #\d+ \(2000 ms\) → callback → \(anonymous\)\(\) → closure variable this → Ticker → el → <span class="ticker">$/,
    );
    const after = (
      await t.send<{ result: { value: string } }>('Runtime.evaluate', {
        expression: symbols,
        returnByValue: true,
      })
    ).result.value;
    expect(after).toBe(before);
    await page.close();
  });

  test('without waiting for the arrow to run, the gap is reported honestly, not guessed', async () => {
    const page = await open('ticker-arrow.html');
    const result = await scan(await guardedTransportFor(page), { arrowThisWaitMs: 0 });
    expect(result.detached[0].status).toBe('unreachable');
    const s = findSuspects(result).find((x) => x.kind === 'detached-dom');
    expect(s?.chain).toBeNull();
    expect(s?.title).toMatch(/no chain/);
    await page.close();
  });

  test('clean page with the hook: cleared timers are gone, nothing above info', async () => {
    const page = await open('clean-app.html');
    const t = await guardedTransportFor(page);
    const result = await scan(t);
    expect(result.timers?.filter((x) => x.kind === 'setInterval')).toEqual([]);
    expect(findSuspects(result).filter((s) => s.severity !== 'info')).toEqual([]);
    await page.close();
  });
});

test('the real hook is loaded from dist/ (built by `npm run test:e2e`)', () => {
  expect(readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'manifest.json'), 'utf8')).toContain(
    'content_scripts',
  );
});
