import { describe, expect, test } from 'vitest';
import { listenersOf } from '../../../src/live/roots/listeners.ts';
import { observerLabel, shortCallsite } from '../../../src/live/roots/observers.ts';
import type { PageSession } from '../../../src/live/session.ts';

const info = (over: Partial<Parameters<typeof observerLabel>[0]> = {}) => ({
  kind: 'ResizeObserver',
  observing: true,
  createdAt: null,
  reach: { objects: 0, bytes: 0 },
  ...over,
});

describe('observer root labels', () => {
  test('an observing observer is named by its kind, with where it was created when known', () => {
    expect(observerLabel(info())).toBe('ResizeObserver');
    expect(observerLabel(info({ createdAt: 'https://shop.example/app/widget.js?v=3:14' }))).toBe(
      'ResizeObserver (widget.js:14)',
    );
  });

  test('an observer kept alive while observing nothing says so', () => {
    expect(observerLabel(info({ kind: 'MutationObserver', observing: false }))).toBe(
      'MutationObserver (disconnected)',
    );
    expect(observerLabel(info({ observing: false, createdAt: 'http://x/a.js:2' }))).toBe(
      'ResizeObserver (a.js:2, disconnected)',
    );
  });

  test('callsites are shortened to file:line; anything else is kept as is', () => {
    expect(shortCallsite('http://127.0.0.1:8080/leaks/observer-widget.html:17')).toBe(
      'observer-widget.html:17',
    );
    expect(shortCallsite('eval:3')).toBe('eval:3');
    expect(shortCallsite('(no url)')).toBe('(no url)');
  });
});

describe('listener roots', () => {
  test('the search starts from what was registered: a bound function (not the target CDP unwraps it to)', async () => {
    // What DOMDebugger.getEventListeners answers for addEventListener('click', this.onClick.bind(this)) (Chromium 156).
    const listener = {
      type: 'click',
      useCapture: false,
      passive: false,
      once: false,
      scriptId: '4',
      lineNumber: 32,
      columnNumber: 19,
      handler: { type: 'function', description: 'onClick() { this.count++; }', objectId: 'target-fn' },
      originalHandler: {
        type: 'function',
        description: 'function () { [native code] }',
        objectId: 'bound-fn',
      },
    };
    const s = { send: async () => ({ listeners: [listener] }) } as unknown as PageSession;
    const [root] = await listenersOf(s, 'doc', () => 'document', true, null);
    expect(root.objectId).toBe('bound-fn');
    expect(root.info.handler).toBe('onClick()');
    const plain = { ...listener, originalHandler: undefined };
    const s2 = { send: async () => ({ listeners: [plain] }) } as unknown as PageSession;
    expect((await listenersOf(s2, 'doc', () => 'document', true, null))[0].objectId).toBe('target-fn');
  });
});
