import { type PanelToWorker, PROTOCOL_VERSION } from '../src/protocol/index.ts';

/**
 * The only job of the service worker: when a Leakscope panel goes away (DevTools closed), detach the
 * debugger it attached, so Chrome's "started debugging" infobar does not outlive the panel. Each panel keeps
 * a port open and pings it; if this worker is stopped, the panel reconnects.
 */
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'panel' || port.sender?.id !== chrome.runtime.id) return;
  let tabId: number | null = null;
  port.onMessage.addListener((message: PanelToWorker) => {
    if (message?.v !== PROTOCOL_VERSION) return;
    if (message.kind === 'panel-open' && Number.isInteger(message.tabId)) tabId = message.tabId;
  });
  port.onDisconnect.addListener(() => {
    if (tabId !== null) chrome.debugger.detach({ tabId }).catch(() => {});
  });
});
