/**
 * Leakscope's relay, in the extension's isolated world of every frame at document_start. It owns the private
 * mailbox with the MAIN-world hook, validates everything the hook sends (page data), and talks to the panel
 * with chrome.runtime / chrome.tabs messages. It never needs the service worker.
 */
import { parseHookBatch, parsePanelToRelay } from '../src/protocol/index.ts';
import { openRelayMailbox } from './relay/mailbox.ts';
import { PanelLink } from './relay/panel-link.ts';

const mailbox = openRelayMailbox((json) => {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return;
  }
  const batch = parseHookBatch(data);
  if (batch) link.fromHook(batch);
});

const link = new PanelLink({
  toHook: (msg) => mailbox.send(JSON.stringify(msg)),
  toPanel: (msg) => {
    // No receiver (panel just closed) rejects; the heartbeat timeout will disconnect.
    chrome.runtime.sendMessage(msg).catch(() => {});
  },
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
});

chrome.runtime.onMessage.addListener((raw, sender) => {
  // Only this extension's own pages (the panel) may drive the relay.
  if (sender.id !== chrome.runtime.id || sender.tab) return;
  const msg = parsePanelToRelay(raw);
  if (msg) link.fromPanel(msg);
});
