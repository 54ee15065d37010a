import { expect, test } from 'vitest';
import { fitColumns } from '../../../panel/layout/column-fit.ts';
import { nextEnabled, placeMenu } from '../../../panel/layout/menu-nav.ts';
import { fitToolbar } from '../../../panel/layout/toolbar-fit.ts';

const suspects = [
  { id: 'severity', width: 76 },
  { id: 'title', width: 170 },
  { id: 'kind', width: 110, priority: 4 },
  { id: 'evidence', width: 150, priority: 2 },
  { id: 'callsite', width: 140, priority: 3 },
];

test('a wide grid shows every column; a narrow one drops the lowest priority first', () => {
  expect(fitColumns(suspects, 1400)).toEqual(['severity', 'title', 'kind', 'evidence', 'callsite']);
  // 646 needed: Kind (priority 4) goes first, then Created at (3), then Evidence (2).
  expect(fitColumns(suspects, 600)).toEqual(['severity', 'title', 'evidence', 'callsite']);
  expect(fitColumns(suspects, 500)).toEqual(['severity', 'title', 'evidence']);
  expect(fitColumns(suspects, 360)).toEqual(['severity', 'title']);
});

test('essential columns stay even when they do not fit; the user’s hidden columns never show', () => {
  expect(fitColumns(suspects, 100)).toEqual(['severity', 'title']);
  expect(fitColumns(suspects, 1400, new Set(['evidence']))).toEqual([
    'severity',
    'title',
    'kind',
    'callsite',
  ]);
});

test('among equal priorities the rightmost column gives way first', () => {
  const cols = [
    { id: 'a', width: 100 },
    { id: 'b', width: 100, priority: 2 },
    { id: 'c', width: 100, priority: 2 },
  ];
  expect(fitColumns(cols, 250)).toEqual(['a', 'b']);
});

test('toolbar items that do not fit go to the overflow menu, with room kept for the » button', () => {
  const items = [{ width: 50 }, { width: 60 }, { width: 9, separator: true }, { width: 80 }, { width: 70 }];
  expect(fitToolbar(items, 300, 28)).toBe(5);
  // 269 needed: 50+60+9+80 = 199, +28 for » fits 227; +70 would be 297 > 240.
  expect(fitToolbar(items, 240, 28)).toBe(4);
  // The separator that would end the visible run is dropped with what follows it.
  expect(fitToolbar(items, 160, 28)).toBe(2);
  expect(fitToolbar(items, 40, 28)).toBe(0);
});

test('menu keyboard navigation skips separators and disabled items, and wraps', () => {
  const entries = [
    { kind: 'item' as const },
    { kind: 'separator' as const },
    { kind: 'item' as const, disabled: true },
    { kind: 'item' as const },
  ];
  expect(nextEnabled(entries, -1, 1)).toBe(0);
  expect(nextEnabled(entries, 0, 1)).toBe(3);
  expect(nextEnabled(entries, 3, 1)).toBe(0);
  expect(nextEnabled(entries, 0, -1)).toBe(3);
  expect(nextEnabled([{ kind: 'separator' }], -1, 1)).toBe(-1);
});

test('a menu opened near an edge stays inside the window', () => {
  const view = { width: 360, height: 300 };
  expect(placeMenu({ x: 10, y: 20 }, { width: 160, height: 100 }, view)).toEqual({ left: 10, top: 20 });
  expect(placeMenu({ x: 300, y: 250 }, { width: 160, height: 100 }, view)).toEqual({ left: 200, top: 150 });
  expect(placeMenu({ x: 300, y: 50 }, { width: 500, height: 100 }, view)).toEqual({ left: 0, top: 50 });
});
