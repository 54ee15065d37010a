import { describe, expect, test } from 'vitest';
import { observerLabel, shortCallsite } from '../../../src/live/roots.ts';

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
