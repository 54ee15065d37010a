import { CdpError, type CdpTransport } from '../../src/cdp/index.ts';

export type DebuggerState =
  | { kind: 'detached'; reason: string | null }
  | { kind: 'attaching' }
  | { kind: 'attached' }
  | { kind: 'refused'; message: string };

const PROTOCOL = '1.3';

/**
 * The panel's connection to the inspected tab over chrome.debugger. It attaches on first use, takes over a
 * stale session an earlier Leakscope panel left behind, and reports the user's Cancel on the infobar
 * (after which the next command re-attaches).
 */
export class DebuggerSession implements CdpTransport {
  private state: DebuggerState = { kind: 'detached', reason: null };
  private attaching: Promise<void> | null = null;
  private readonly listeners = new Set<(s: DebuggerState) => void>();
  private readonly eventListeners = new Set<(method: string, params: unknown) => void>();

  constructor(readonly tabId: number) {
    chrome.debugger.onDetach.addListener((source, reason) => {
      if (source.tabId !== this.tabId) return;
      this.setState({ kind: 'detached', reason: String(reason) });
    });
    chrome.debugger.onEvent.addListener((source, method, params) => {
      if (source.tabId !== this.tabId) return;
      for (const l of this.eventListeners) l(method, params);
    });
  }

  get current(): DebuggerState {
    return this.state;
  }

  onState(listener: (s: DebuggerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onEvent(listener: (method: string, params: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async ensureAttached(): Promise<void> {
    if (this.state.kind === 'attached') return;
    this.attaching ??= this.attach().finally(() => {
      this.attaching = null;
    });
    return this.attaching;
  }

  private async attach(): Promise<void> {
    this.setState({ kind: 'attaching' });
    const target = { tabId: this.tabId };
    try {
      await chrome.debugger.attach(target, PROTOCOL);
    } catch (e) {
      const message = errorMessage(e);
      // "Already attached" is either our own session left by an earlier panel on this tab (detach succeeds:
      // only the owning extension may detach) or another extension's (detach fails). getTargets() does not
      // say which: its extensionId stays empty for extension sessions on Chromium 156.
      const tookOver =
        /already attached/i.test(message) &&
        (await chrome.debugger.detach(target).then(
          () => true,
          () => false,
        ));
      if (!tookOver) {
        this.setState({ kind: 'refused', message: explainRefusal(message) });
        throw new CdpError('attach', null, message);
      }
      try {
        await chrome.debugger.attach(target, PROTOCOL);
      } catch (again) {
        this.setState({ kind: 'refused', message: explainRefusal(errorMessage(again)) });
        throw new CdpError('attach', null, errorMessage(again));
      }
    }
    this.setState({ kind: 'attached' });
  }

  async send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    await this.ensureAttached();
    try {
      return (await chrome.debugger.sendCommand({ tabId: this.tabId }, method, params)) as T;
    } catch (e) {
      const message = errorMessage(e);
      // Detached behind our back (chrome.debugger.detach from another of our contexts fires no onDetach): say so,
      // and let the next action attach again instead of failing on a session that is gone.
      if (/not attached/i.test(message) && this.state.kind === 'attached') {
        this.setState({ kind: 'detached', reason: 'not_attached' });
      }
      const code = /"code":\s*(-?\d+)/.exec(message);
      throw new CdpError(method, code ? Number(code[1]) : null, message);
    }
  }

  async detach(): Promise<void> {
    if (this.state.kind !== 'attached') return;
    await chrome.debugger.detach({ tabId: this.tabId }).catch(() => {});
    this.setState({ kind: 'detached', reason: null });
  }

  private setState(s: DebuggerState): void {
    this.state = s;
    for (const l of this.listeners) l(s);
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const FILE_ACCESS_HELP =
  'Leakscope may not read file:// pages yet. Open chrome://extensions → Leakscope → Details, switch on “Allow access to file URLs”, then close and reopen DevTools.';

function explainRefusal(message: string): string {
  if (/already attached/i.test(message)) {
    return 'Another debugger (another extension or tool) is attached to this tab. Close it and try again.';
  }
  // Chromium 156 refuses a file:// tab with "Cannot navigate to a file URL without local file access." while the
  // extension's "Allow access to file URLs" switch is off.
  if (/file url|local file access/i.test(message)) {
    return FILE_ACCESS_HELP;
  }
  // The Web Store: "The extensions gallery cannot be scripted." (Chromium 156).
  if (
    /chrome:\/\/|cannot access|cannot attach|chrome-extension:|webstore|extensions gallery/i.test(message)
  ) {
    return 'Chrome does not let extensions inspect this page (chrome:// pages, the Web Store, other extensions).';
  }
  return `Could not attach the debugger: ${message}`;
}
