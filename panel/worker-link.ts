import { type PanelToWorker, PROTOCOL_VERSION } from '../src/protocol/index.ts';

/** Keeps a port to the service worker open, so that closing DevTools detaches this panel's debugger. */
export function linkToServiceWorker(tabId: number): () => void {
  let port: chrome.runtime.Port | null = null;
  let closed = false;
  const connect = () => {
    if (closed) return;
    port = chrome.runtime.connect(undefined, { name: 'panel' });
    port.postMessage({ kind: 'panel-open', v: PROTOCOL_VERSION, tabId } satisfies PanelToWorker);
    // The worker is stopped after ~30 s idle and then drops the port; reconnect (it restarts).
    port.onDisconnect.addListener(() => {
      port = null;
      setTimeout(connect, 500);
    });
  };
  connect();
  const ping = setInterval(
    () => port?.postMessage({ kind: 'ping', v: PROTOCOL_VERSION } satisfies PanelToWorker),
    20_000,
  );
  return () => {
    closed = true;
    clearInterval(ping);
    port?.disconnect();
  };
}
