/**
 * Helpers for the hook/relay e2e tests: the extension's service worker acts as the panel (it can use
 * chrome.tabs.sendMessage and receives chrome.runtime messages like the panel would).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, WebWorker } from 'puppeteer-core';
import { FIXTURE_ROOT } from '../../scripts/serve.ts';
import { type HookBatch, LIMITS, type PanelToRelay } from '../../src/protocol/messages.ts';
import type { Session } from './harness.ts';

export interface Received {
  batch: HookBatch;
  frameId: number;
  tabId: number | null;
  at: number;
}

export interface Summary {
  url: string;
  full: boolean;
  counts: HookBatch['counts'];
  listenersAdded: number;
  timersAdded: number;
}

export interface PanelStandIn {
  worker: WebWorker;
  /** Sends a PanelToRelay message to every frame of every tab (the manifest has no `tabs` permission: no urls). */
  send(msg: PanelToRelay): Promise<void>;
  hello(detail?: boolean): Promise<void>;
  /** Every page-batch received so far (messages that failed validation are kept out by the shape check). */
  received(): Promise<Received[]>;
  clear(): Promise<void>;
  /** Light view of what was received (list lengths instead of lists), for floods of records. */
  summaries(): Promise<Summary[]>;
  /** Waits until `pred` holds for the received batches. */
  waitFor(pred: (r: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
}

export async function panelStandIn(session: Session): Promise<PanelStandIn> {
  const target = await session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 20_000 },
  );
  const worker = (await target.worker())!;
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __got: unknown[] };
    g.__got = [];
    chrome.runtime.onMessage.addListener((m: { kind?: string; batch?: unknown }, sender) => {
      if (m?.kind === 'page-batch') {
        g.__got.push({
          batch: m.batch,
          frameId: sender.frameId,
          tabId: sender.tab?.id ?? null,
          at: Date.now(),
        });
      }
    });
  });
  const api: PanelStandIn = {
    worker,
    async send(msg) {
      await worker.evaluate(async (m) => {
        const tabs = await chrome.tabs.query({});
        await Promise.all(tabs.map((t) => chrome.tabs.sendMessage(t.id!, m).catch(() => {})));
      }, msg);
    },
    hello: (detail = true) => api.send({ kind: 'panel-hello', v: 1, detail }),
    received: () => worker.evaluate(() => (globalThis as unknown as { __got: Received[] }).__got),
    clear: () =>
      worker.evaluate(() => {
        (globalThis as unknown as { __got: unknown[] }).__got = [];
      }),
    summaries: () =>
      worker.evaluate(() =>
        (globalThis as unknown as { __got: Received[] }).__got.map(({ batch: b }) => ({
          url: b.url,
          full: b.full,
          counts: b.counts,
          listenersAdded: b.listenersAdded.length,
          timersAdded: b.timersAdded.length,
        })),
      ),
    async waitFor(pred, timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const r = await api.received();
        if (pred(r)) return r;
        if (Date.now() > end) throw new Error(`condition not met; received ${r.length} batches`);
        await new Promise((res) => setTimeout(res, 100));
      }
    },
  };
  return api;
}

/** Batches of one page URL (path suffix), in arrival order. */
export const forUrl = (r: Received[], suffix: string): Received[] =>
  r.filter((x) => x.batch.url.endsWith(suffix));

/**
 * Folds batches of one document into its current live state, as a panel would: full batches reset.
 */
export function fold(batches: HookBatch[]) {
  const listeners = new Map<number, HookBatch['listenersAdded'][number]>();
  const timers = new Map<number, HookBatch['timersAdded'][number]>();
  let last: HookBatch | null = null;
  for (const b of batches) {
    if (b.full) {
      listeners.clear();
      timers.clear();
    }
    for (const l of b.listenersAdded) listeners.set(l.id, l);
    for (const id of b.listenersRemoved) listeners.delete(id);
    for (const t of b.timersAdded) timers.set(t.id, t);
    for (const id of b.timersRemoved) timers.delete(id);
    for (const [id, runs, at] of b.timersRan) {
      const t = timers.get(id);
      if (t) timers.set(id, { ...t, runs, lastRunAt: at });
    }
    last = b;
  }
  return { listeners: [...listeners.values()], timers: [...timers.values()], last };
}

export async function waitForSemantics(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __semantics: Promise<unknown> }).__semantics);
}

/** Starts/stops a panel-like heartbeat (panel-hello every LIMITS.heartbeatMs) from the service worker. */
export async function heartbeat(panel: PanelStandIn, on: boolean, detail = true): Promise<void> {
  const hello = JSON.stringify({ kind: 'panel-hello', v: 1, detail });
  // Source text, not a function: tsx (used by the bench) would inject its `__name` helper into named closures.
  await panel.worker.evaluate(`(async () => {
    if (globalThis.__beat) clearInterval(globalThis.__beat);
    globalThis.__beat = undefined;
    if (!${on}) return;
    globalThis.__beatOnce = async () => {
      const tabs = await chrome.tabs.query({});
      await Promise.all(tabs.map((t) => chrome.tabs.sendMessage(t.id, ${hello}).catch(() => {})));
    };
    globalThis.__beat = setInterval(globalThis.__beatOnce, ${LIMITS.heartbeatMs});
    await globalThis.__beatOnce();
  })()`);
}

/** 1-based line of the `// @line <name>` marker in a fixture file. */
export function markerLine(fixture: string, name: string): number {
  const lines = readFileSync(join(FIXTURE_ROOT, fixture), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`// @line ${name}`));
  if (i < 0) throw new Error(`no marker ${name} in ${fixture}`);
  return i + 1;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
