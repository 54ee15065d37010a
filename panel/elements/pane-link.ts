import type { Store } from '../store.ts';
import { type NodeReport, nodeReport } from './node-report.ts';
import type { SelectedNode } from './selected-node.ts';

/**
 * The Elements sidebar pane and the Leakscope panel are two pages of the extension in the same DevTools; the
 * pane asks the panel (which holds the page hook's records and the last scan) about the selected node over a
 * BroadcastChannel named for the inspected tab.
 */
export type PaneMessage =
  | { kind: 'query'; id: number; node: SelectedNode }
  | { kind: 'answer'; id: number; report: NodeReport }
  | { kind: 'changed' };

export const paneChannelName = (tabId: number) => `leakscope-elements-${tabId}`;

/** How often at most the panel tells the pane that its records changed (listeners come and go all the time). */
const CHANGED_EVERY_MS = 1000;

/** The panel's side: answers the pane's queries from the store; returns the disposer. */
export function answerElementsPane(store: Store, tabId: number): () => void {
  const channel = new BroadcastChannel(paneChannelName(tabId));
  channel.onmessage = (e: MessageEvent<PaneMessage>) => {
    const m = e.data;
    if (m?.kind !== 'query' || typeof m.id !== 'number' || !m.node) return;
    const scan = store.scan.kind === 'done' ? { at: store.scan.at, suspects: store.scan.suspects } : null;
    const report = nodeReport(m.node, store.registry.listeners(), scan, store.definitions);
    channel.postMessage({ kind: 'answer', id: m.id, report } satisfies PaneMessage);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = store.subscribe(() => {
    timer ??= setTimeout(() => {
      timer = null;
      channel.postMessage({ kind: 'changed' } satisfies PaneMessage);
    }, CHANGED_EVERY_MS);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
    channel.close();
  };
}
