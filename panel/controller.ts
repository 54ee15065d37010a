import { CdpError } from '../src/cdp/transport.ts';
import { scan } from '../src/live/scan.ts';
import { ScanError } from '../src/live/types.ts';
import { recordFromStartScript } from '../src/protocol/messages.ts';
import { findSuspects } from '../src/suspects/index.ts';
import { forceGc } from './actions/force-gc.ts';
import { RelayBridge } from './bridge.ts';
import { DebuggerSession } from './cdp/debugger-session.ts';
import { readMetrics } from './metrics.ts';
import { SnapshotImporter } from './snapshots/snapshot-importer.ts';
import type { Store } from './store.ts';
import { linkToServiceWorker } from './worker-link.ts';

const SAMPLE_MS = 1000;

/**
 * Wires the panel to the inspected tab: the debugger session (counters, GC), the relay bridge (the hook's
 * registries), navigation resets, and the user's actions. Views call its methods; it changes only the store.
 */
export class Controller {
  readonly session: DebuggerSession;
  readonly snapshots: SnapshotImporter;
  private readonly bridge: RelayBridge;
  private sampling: ReturnType<typeof setInterval> | null = null;
  private metricsEnabled = false;
  private readonly disposers: (() => void)[] = [];
  private scanAbort: AbortController | null = null;

  constructor(
    readonly store: Store,
    readonly tabId: number,
  ) {
    this.session = new DebuggerSession(tabId);
    this.snapshots = new SnapshotImporter(store);
    this.bridge = new RelayBridge(tabId, (frameId, batch) => {
      if (store.applyBatch(frameId, batch) === 'need-full') this.bridge.requestFull();
    });
    this.disposers.push(
      this.session.onState((s) => {
        if (s.kind !== 'attached') this.metricsEnabled = false;
        store.setDebugger(s);
        if (s.kind === 'detached' && s.reason === 'canceled_by_user') {
          store.setNotice({
            level: 'warning',
            text: 'Debugging was cancelled from Chrome’s infobar. Counters are paused; Leakscope re-attaches on your next action.',
          });
        }
      }),
    );
  }

  start(): void {
    this.bridge.start();
    this.disposers.push(linkToServiceWorker(this.tabId));
    const onNavigated = () => {
      this.store.navigated();
      this.bridge.requestFull();
    };
    chrome.devtools.network.onNavigated.addListener(onNavigated);
    this.disposers.push(() => chrome.devtools.network.onNavigated.removeListener(onNavigated));
    void this.attachAndSample();
  }

  /** (Re-)attaches and starts the 1 Hz sampling of counters. */
  async attachAndSample(): Promise<void> {
    try {
      await this.session.ensureAttached();
    } catch {
      return; // the store shows why (refused page, another debugger)
    }
    if (this.store.notice?.level === 'warning') this.store.setNotice(null);
    this.sampling ??= setInterval(() => void this.sample(), SAMPLE_MS);
    await this.sample();
  }

  private async sample(): Promise<void> {
    if (this.session.current.kind !== 'attached') {
      this.store.recordMetrics({}); // hook counters keep moving without the debugger
      return;
    }
    try {
      if (!this.metricsEnabled) {
        await this.session.send('Performance.enable');
        this.metricsEnabled = true;
      }
      this.store.recordMetrics(await readMetrics(this.session));
    } catch (e) {
      if (!(e instanceof CdpError)) throw e;
      this.metricsEnabled = false;
    }
  }

  async forceGc(): Promise<void> {
    if (this.store.busy) return;
    this.store.setBusy('Collecting garbage…');
    try {
      await this.attachAndSample();
      const result = await forceGc(this.session);
      this.store.setGc(result);
      await this.sample();
    } catch (e) {
      this.store.setNotice({
        level: 'error',
        text: `Force GC failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      this.store.setBusy(null);
    }
  }

  /** Scan: forced GC, then the live search for what the page still holds and why (src/live, src/suspects). */
  async scan(): Promise<void> {
    if (this.scanAbort || this.store.busy) return;
    const abort = new AbortController();
    this.scanAbort = abort;
    this.store.setScan({ kind: 'running', progress: null });
    this.store.setBusy('Scanning…');
    try {
      await this.attachAndSample();
      if (this.session.current.kind !== 'attached') throw new Error('the debugger is not attached');
      const result = await scan(this.session, {
        signal: abort.signal,
        onProgress: (progress) => this.store.setScan({ kind: 'running', progress }),
      });
      this.store.setScan({ kind: 'done', result, suspects: findSuspects(result), at: Date.now() });
    } catch (e) {
      if (e instanceof ScanError && e.reason === 'aborted') this.store.setScan({ kind: 'idle' });
      else this.store.setScan({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.scanAbort = null;
      this.store.setBusy(null);
    }
  }

  /**
   * Reloads the page with the hook recording callsites from the page's first script (registrations made
   * before a panel connects have none). A CDP new-document script, run before the content scripts, tells the
   * hook; it is removed once the reloaded page has loaded, so later reloads are normal again.
   */
  async reloadAndRecord(): Promise<void> {
    if (this.store.busy) return;
    this.store.setBusy('Reloading…');
    let identifier: string | null = null;
    try {
      await this.attachAndSample();
      await this.session.send('Page.enable');
      ({ identifier } = await this.session.send<{ identifier: string }>(
        'Page.addScriptToEvaluateOnNewDocument',
        {
          source: recordFromStartScript(),
        },
      ));
      const loaded = new Promise<void>((resolve) => {
        const off = this.session.onEvent((method) => {
          if (method !== 'Page.loadEventFired') return;
          off();
          resolve();
        });
        setTimeout(() => {
          off();
          resolve();
        }, 30_000);
      });
      await this.session.send('Page.reload');
      await loaded;
    } catch (e) {
      this.store.setNotice({
        level: 'error',
        text: `Reload failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      if (identifier !== null) {
        await this.session.send('Page.removeScriptToEvaluateOnNewDocument', { identifier }).catch(() => {});
      }
      this.store.setBusy(null);
    }
  }

  cancelScan(): void {
    this.scanAbort?.abort();
  }

  dispose(): void {
    this.scanAbort?.abort();
    this.snapshots.cancel();
    if (this.sampling) clearInterval(this.sampling);
    this.bridge.stop();
    for (const d of this.disposers) d();
    void this.session.detach();
  }
}
