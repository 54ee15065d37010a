import { expect, test } from 'vitest';
import { labelMatches, nodeReport } from '../../../panel/elements/node-report.ts';
import type { SelectedNode } from '../../../panel/elements/selected-node.ts';
import { definedAt } from '../../../src/callsite.ts';
import { definitionsOf } from '../../../src/registry/definitions.ts';
import type { LiveListener } from '../../../src/registry/page-registry.ts';
import type { Suspect } from '../../../src/suspects/types.ts';
import { emptyScan, listener as scanListener } from '../suspects/scan-fixture.ts';

const node: SelectedNode = {
  kind: 'element',
  listenerLabel: '<button#dialog.primary>',
  chainLabels: ['<button id="dialog" class="primary">'],
  frameUrl: 'http://127.0.0.1/demo/',
  connected: true,
  devtoolsListeners: [],
};

function listener(over: Partial<LiveListener>): LiveListener {
  return {
    id: 1,
    target: '<button#dialog.primary>',
    targetKind: 'element',
    type: 'click',
    capture: false,
    once: false,
    passive: false,
    signal: false,
    handler: 'open',
    callsite: {
      kind: 'registered',
      url: 'http://127.0.0.1/demo/leaks.js',
      scriptId: null,
      line: 46,
      column: 45,
      functionName: '',
    },
    addedAt: 0,
    frameId: 0,
    frameUrl: 'http://127.0.0.1/demo/',
    addedAtEpoch: 0,
    targetDetached: false,
    ...over,
  };
}

test('a hook label cut with … still names the element it began with', () => {
  expect(labelMatches('<div#a.b>', '<div#a.b>')).toBe(true);
  expect(labelMatches('<div#a.very-long…>', '<div#a.very-long-class.more>')).toBe(true);
  expect(labelMatches('<div#a.b>', '<div#a.bc>')).toBe(false);
  expect(labelMatches('<span…>', '<div#a>')).toBe(false);
});

test('the pane lists the node’s own listeners: same label, same document, still attached', () => {
  const report = nodeReport(
    node,
    [
      listener({ id: 1 }),
      listener({ id: 2, target: '<button#other>' }),
      listener({ id: 3, frameUrl: 'http://127.0.0.1/frame.html' }),
      listener({ id: 4, targetDetached: true }),
    ],
    null,
  );
  expect(report.listeners.map((l) => l.id)).toEqual([1]);
  expect(report.listeners[0].callsite?.line).toBe(46);
  expect(report.scan).toBeNull();
});

test('a listener registered before the panel shows where its handler is defined, once a scan found it', () => {
  const scan = emptyScan();
  scan.listeners = [
    scanListener({
      registryTarget: '<button#dialog.primary>',
      handler: 'open()',
      callsite: definedAt('5', 45, 44, 'open'),
    }),
  ];
  const report = nodeReport(node, [listener({ id: 1, callsite: null })], null, definitionsOf(scan));
  expect(report.listeners[0].callsite).toMatchObject({ kind: 'defined', line: 46, column: 45 });
  expect(nodeReport(node, [listener({ id: 1, callsite: null })], null).listeners[0].callsite).toBeNull();
});

test('after a scan, the suspects whose retainer chain passes through the node', () => {
  const suspect = (title: string, object: string) =>
    ({
      title,
      severity: 'medium',
      chain: [{ holder: 'window', edge: 'dialogOpener', edgeKind: 'property', object }],
    }) as unknown as Suspect;
  const report = nodeReport(node, [], {
    at: 1000,
    suspects: [
      suspect('held through the button', '<button id="dialog" class="primary">'),
      suspect('other', '<div>'),
    ],
  });
  expect(report.scan).toEqual({
    at: 1000,
    onChains: [{ title: 'held through the button', severity: 'medium' }],
  });
});
