import {
  type HookBatch,
  LIMITS,
  type PanelToRelay,
  PROTOCOL_VERSION,
  type RelayToHook,
  type RelayToPanel,
} from '../../src/protocol/index.ts';

/**
 * Connection state between the panel's heartbeat and the hook. Pure logic (no chrome.* or DOM), so it can be
 * unit-tested: the caller feeds panel messages, hook batches and the clock, and gets what to send where.
 */
export interface LinkIO {
  toHook(msg: RelayToHook): void;
  toPanel(msg: RelayToPanel): void;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  later(fn: () => void, ms: number): () => void;
}

export class PanelLink {
  private connected = false;
  private detail = false;
  private cancelTimeout: (() => void) | null = null;

  constructor(private readonly io: LinkIO) {}

  get isConnected(): boolean {
    return this.connected;
  }

  fromPanel(msg: PanelToRelay): void {
    if (msg.kind === 'panel-bye') {
      this.disconnect();
      return;
    }
    if (msg.kind === 'request-full') {
      if (this.connected) this.io.toHook({ kind: 'request-full', v: PROTOCOL_VERSION });
      return;
    }
    // panel-hello: the heartbeat. The first one (or a change of detail) connects the hook.
    if (!this.connected || this.detail !== msg.detail) {
      this.connected = true;
      this.detail = msg.detail;
      this.io.toHook({ kind: 'connect', v: PROTOCOL_VERSION, detail: msg.detail });
    }
    this.cancelTimeout?.();
    this.cancelTimeout = this.io.later(() => this.disconnect(), LIMITS.panelTimeoutMs);
  }

  fromHook(batch: HookBatch): void {
    if (this.connected) this.io.toPanel({ kind: 'page-batch', v: PROTOCOL_VERSION, batch });
  }

  private disconnect(): void {
    this.cancelTimeout?.();
    this.cancelTimeout = null;
    if (!this.connected) return;
    this.connected = false;
    this.detail = false;
    this.io.toHook({ kind: 'disconnect', v: PROTOCOL_VERSION });
  }
}
