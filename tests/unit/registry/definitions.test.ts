import { expect, test } from 'vitest';
import { definedAt } from '../../../src/callsite.ts';
import {
  definitionsOf,
  listenerCallsite,
  NO_DEFINITIONS,
  timerCallsite,
} from '../../../src/registry/definitions.ts';
import type { LiveListener, LiveTimer } from '../../../src/registry/page-registry.ts';
import { emptyScan, listener } from '../suspects/scan-fixture.ts';

const record = (over: Partial<LiveListener> = {}): LiveListener => ({
  id: 1,
  target: '<button#save.primary>',
  targetKind: 'element',
  type: 'click',
  capture: false,
  once: false,
  passive: false,
  signal: false,
  handler: 'onSave',
  callsite: null,
  addedAt: 0,
  addedAtEpoch: 0,
  frameId: 0,
  frameUrl: 'http://app.test/',
  targetDetached: false,
  ...over,
});

const timer = (over: Partial<LiveTimer> = {}): LiveTimer => ({
  id: 7,
  kind: 'interval',
  delay: 1000,
  handler: 'tick',
  callsite: null,
  createdAt: 0,
  runs: 0,
  lastRunAt: null,
  frameId: 0,
  frameUrl: 'http://app.test/',
  createdAtEpoch: 0,
  ...over,
});

const saveAt = definedAt('3', 11, 4, 'onSave');

function scanWith() {
  const scan = emptyScan();
  scan.listeners = [
    listener({ registryTarget: '<button#save.primary>', handler: 'onSave()', callsite: saveAt }),
    // The same description defined in two places: no guess.
    listener({
      registryTarget: 'window',
      type: 'resize',
      handler: '(anonymous)()',
      callsite: definedAt('3', 1, 0, ''),
    }),
    listener({
      registryTarget: 'window',
      type: 'resize',
      handler: '(anonymous)()',
      callsite: definedAt('3', 9, 0, ''),
    }),
  ];
  scan.timers = [
    {
      id: 7,
      kind: 'setInterval',
      delay: 1000,
      callback: 'tick()',
      callsite: definedAt('4', 0, 9, 'tick'),
      reach: { objects: 0, bytes: 0 },
    },
  ];
  return scan;
}

test('a listener registered before the panel gets where its handler is defined, matched by its description', () => {
  const defs = definitionsOf(scanWith());
  expect(listenerCallsite(record(), defs)).toEqual(saveAt);
  expect(listenerCallsite(record({ handler: 'bound onSave' }), defs)).toEqual(saveAt);
  expect(listenerCallsite(record({ capture: true }), defs)).toBeNull();
  expect(listenerCallsite(record({ target: '<button#other>' }), defs)).toBeNull();
  expect(
    listenerCallsite(
      record({ target: 'window', targetKind: 'window', type: 'resize', handler: '(anonymous)' }),
      defs,
    ),
  ).toBeNull();
});

test('the hook’s own "registered at" wins over a definition', () => {
  const registered = {
    kind: 'registered' as const,
    url: 'http://app.test/app.js',
    scriptId: null,
    line: 40,
    column: 3,
    functionName: 'mount',
  };
  const defs = definitionsOf(scanWith());
  expect(listenerCallsite(record({ callsite: registered }), defs)).toBe(registered);
  expect(timerCallsite(timer({ callsite: registered }), defs)).toBe(registered);
});

test('timers match by id in the top frame only (the scan searched the top frame)', () => {
  const defs = definitionsOf(scanWith());
  expect(timerCallsite(timer(), defs)).toEqual(definedAt('4', 0, 9, 'tick'));
  expect(timerCallsite(timer({ frameId: 3 }), defs)).toBeNull();
  expect(timerCallsite(timer({ id: 8 }), defs)).toBeNull();
  expect(timerCallsite(timer(), NO_DEFINITIONS)).toBeNull();
});
