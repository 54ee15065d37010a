import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { RelayBridge } from '../../../panel/bridge.ts';
import type { HookBatch } from '../../../src/protocol/messages.ts';
import { hookBatch } from '../hook-batch.ts';

type Listener = (message: unknown, sender: chrome.runtime.MessageSender) => void;
let listeners: Listener[];

beforeEach(() => {
  listeners = [];
  // The smallest fake of the two chrome.* APIs the bridge uses; the bridge's filtering is what is under test.
  vi.stubGlobal('chrome', {
    runtime: {
      id: 'leakscope',
      onMessage: {
        addListener: (l: Listener) => listeners.push(l),
        removeListener: (l: Listener) => listeners.splice(listeners.indexOf(l), 1),
      },
    },
    tabs: { sendMessage: () => Promise.resolve() },
  });
});
afterEach(() => vi.unstubAllGlobals());

function deliver(batch: HookBatch, sender: Partial<chrome.runtime.MessageSender>) {
  const message = { kind: 'page-batch', v: 1, batch };
  for (const l of [...listeners])
    l(message, { id: 'leakscope', tab: { id: 7 } as chrome.tabs.Tab, ...sender });
}

test('batches from the active document of the inspected tab reach the panel; a page leaving for the back/forward cache is ignored', () => {
  const got: Array<[number, string]> = [];
  const bridge = new RelayBridge(7, (frameId, b) => got.push([frameId, b.docId]));
  bridge.start();
  deliver(hookBatch({ docId: 'new-page', seq: 0, full: true }), { frameId: 0, documentLifecycle: 'active' });
  // Seen in Chromium 156: the previous document answers the panel's request-full while it enters the cache,
  // from another frameId, with all its listeners.
  deliver(hookBatch({ docId: 'cached-page', seq: 0, full: true }), {
    frameId: 4,
    documentLifecycle: 'cached',
  });
  deliver(hookBatch({ docId: 'prerendered', seq: 0, full: true }), {
    frameId: 5,
    documentLifecycle: 'prerender',
  });
  deliver(hookBatch({ docId: 'older-chrome', seq: 0, full: true }), { frameId: 0 }); // no documentLifecycle before Chrome 106
  deliver(hookBatch({ docId: 'other-tab', seq: 0, full: true }), {
    frameId: 0,
    tab: { id: 8 } as chrome.tabs.Tab,
  });
  expect(got).toEqual([
    [0, 'new-page'],
    [0, 'older-chrome'],
  ]);
  bridge.stop();
});
