import { beforeEach, describe, expect, test } from 'vitest';
import { PanelLink } from '../../../content-script/relay/panel-link.ts';
import type { HookBatch, RelayToHook, RelayToPanel } from '../../../src/protocol/messages.ts';
import { LIMITS } from '../../../src/protocol/messages.ts';

/** The relay's connection logic with a fake clock: what goes to the hook and to the panel, and when. */

let toHook: RelayToHook[];
let toPanel: RelayToPanel[];
let timers: { fn: () => void; at: number; cancelled: boolean }[];
let clock: number;
let link: PanelLink;

function advance(ms: number) {
  clock += ms;
  for (const t of timers) {
    if (!t.cancelled && t.at <= clock) {
      t.cancelled = true;
      t.fn();
    }
  }
}

const batch = { kind: 'batch', v: 1, docId: 'd', seq: 0 } as HookBatch;

beforeEach(() => {
  toHook = [];
  toPanel = [];
  timers = [];
  clock = 0;
  link = new PanelLink({
    toHook: (m) => toHook.push(m),
    toPanel: (m) => toPanel.push(m),
    later: (fn, ms) => {
      const t = { fn, at: clock + ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  });
});

describe('PanelLink', () => {
  test('dormant until the first panel-hello: nothing reaches the panel', () => {
    link.fromHook(batch);
    link.fromPanel({ kind: 'request-full', v: 1 });
    expect(toPanel).toEqual([]);
    expect(toHook).toEqual([]);
  });

  test('the first hello connects the hook with its detail flag; later ones are heartbeats only', () => {
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    expect(toHook).toEqual([{ kind: 'connect', v: 1, detail: true }]);
    link.fromHook(batch);
    expect(toPanel).toEqual([{ kind: 'page-batch', v: 1, batch }]);
  });

  test('a change of detail reconnects', () => {
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: false });
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    expect(toHook.map((m) => m.kind === 'connect' && m.detail)).toEqual([false, true]);
  });

  test('heartbeats keep it connected; silence for panelTimeoutMs disconnects', () => {
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    for (let i = 0; i < 5; i++) {
      advance(LIMITS.heartbeatMs);
      link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    }
    expect(link.isConnected).toBe(true);
    advance(LIMITS.panelTimeoutMs - 1);
    expect(link.isConnected).toBe(true);
    advance(1);
    expect(link.isConnected).toBe(false);
    expect(toHook.at(-1)).toEqual({ kind: 'disconnect', v: 1 });
    link.fromHook(batch);
    expect(toPanel).toEqual([]);
  });

  test('panel-bye disconnects at once; request-full is forwarded only while connected', () => {
    link.fromPanel({ kind: 'panel-hello', v: 1, detail: true });
    link.fromPanel({ kind: 'request-full', v: 1 });
    link.fromPanel({ kind: 'panel-bye', v: 1 });
    link.fromPanel({ kind: 'request-full', v: 1 });
    link.fromPanel({ kind: 'panel-bye', v: 1 });
    expect(toHook.map((m) => m.kind)).toEqual(['connect', 'request-full', 'disconnect']);
    expect(timers.every((t) => t.cancelled)).toBe(true);
  });
});
