/**
 * Observer callbacks and expandos on attached elements as scan roots, through the real DevTools panel (the hook
 * and relay in the page, chrome.debugger): a detached tree kept only by a ResizeObserver's callback or by a data
 * cache on an attached element is reported with a chain naming the user's variable and a fix naming the pattern;
 * the clean variants (observer disconnected, cache property deleted) list nothing above info.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, type Session } from './harness.ts';
import { type Shown, scanInPanel } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const dump = (shown: Shown[]) => JSON.stringify(shown.map((s) => [s.kind, s.severity, s.text.slice(0, 400)]));

describe('observer callbacks and expandos are roots of the live search', () => {
  test('a removed panel kept by a ResizeObserver callback: chain through the callback to `panel`', async () => {
    const shown = await scanInPanel(session, 'leaks/observer-widget.html');
    const match = shown.find(
      (s) =>
        s.kind === 'detached-dom' && /ResizeObserver[\s\S]*closure variable panel[\s\S]*details/.test(s.text),
    );
    expect(match, dump(shown)).toBeDefined();
    expect(match!.severity).not.toBe('info');
    expect(match!.text).toMatch(/disconnect\(\) the observer/);
    expect(match!.text).not.toMatch(/no chain/);
  });

  test('an observer created while the panel is connected is labelled with where it was created', async () => {
    const shown = await scanInPanel(session, 'leaks/observer-widget.html', { afterPanel: 'mountLater()' });
    const feed = shown.find((s) => s.kind === 'detached-dom' && /<ol class="feed">/.test(s.text));
    expect(feed, dump(shown)).toBeDefined();
    expect(feed!.text).toMatch(/MutationObserver \(observer-widget\.html:\d+\)[\s\S]*closure variable feed/);
    // The first widget's observer was created before the panel connected: no creation site, still a chain.
    expect(shown.some((s) => /ResizeObserver[\s\S]*closure variable panel/.test(s.text))).toBe(true);
  });

  test('removed panes kept by a data cache on an attached element: chain from the element property', async () => {
    const shown = await scanInPanel(session, 'leaks/expando-cache.html');
    const match = shown.find(
      (s) => s.kind === 'detached-dom' && /<main id="app">[\s\S]*__dataCache[\s\S]*overview/.test(s.text),
    );
    expect(match, dump(shown)).toBeDefined();
    expect(match!.severity).not.toBe('info');
    expect(match!.text).toMatch(/delete the property/);
  });

  for (const path of ['leaks/clean-observer.html', 'leaks/clean-expando.html']) {
    test(`${path}: nothing above info`, async () => {
      const shown = await scanInPanel(session, path);
      expect(shown.filter((s) => s.severity !== 'info').map((s) => s.text.slice(0, 200))).toEqual([]);
    });
  }
});
