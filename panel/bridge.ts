import {
  type HookBatch,
  LIMITS,
  type PanelToRelay,
  PROTOCOL_VERSION,
  parseRelayToPanel,
} from '../src/protocol/index.ts';

/**
 * The panel's side of the page channel: a heartbeat to every frame's relay (which keeps the hook connected
 * and recording) and the validated batches coming back from the inspected tab only.
 */
export class RelayBridge {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onMessage = (message: unknown, sender: chrome.runtime.MessageSender): undefined => {
    if (sender.tab?.id !== this.tabId || sender.id !== chrome.runtime.id) return;
    // A document leaving for the back/forward cache (or a prerendered one) can still answer a request sent just
    // before the navigation; it arrives with another frameId and would show the old page's listeners as live.
    if (sender.documentLifecycle !== undefined && sender.documentLifecycle !== 'active') return;
    const parsed = parseRelayToPanel(message);
    if (parsed) this.onBatch(sender.frameId ?? 0, parsed.batch);
  };

  constructor(
    private readonly tabId: number,
    private readonly onBatch: (frameId: number, batch: HookBatch) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    chrome.runtime.onMessage.addListener(this.onMessage);
    this.hello();
    this.timer = setInterval(() => this.hello(), LIMITS.heartbeatMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    chrome.runtime.onMessage.removeListener(this.onMessage);
    this.post({ kind: 'panel-bye', v: PROTOCOL_VERSION });
  }

  requestFull(): void {
    this.post({ kind: 'request-full', v: PROTOCOL_VERSION });
  }

  private hello(): void {
    this.post({ kind: 'panel-hello', v: PROTOCOL_VERSION, detail: true });
  }

  private post(message: PanelToRelay): void {
    // Pages without our content script (chrome://, the Web Store) have no receiver: that is expected.
    chrome.tabs.sendMessage(this.tabId, message).catch(() => {});
  }
}
