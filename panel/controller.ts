import { type AuditState, finishAudit, markIteration, startAudit } from '../src/audit/index.ts';
import { CdpError } from '../src/cdp/index.ts';
import { AUDIT_GROWTH_HOPS, ScanError, type ScanResult } from '../src/live/index.ts';
import { HISTORY_LENGTH, measure } from '../src/measure.ts';
import { recordFromStartScript } from '../src/protocol/index.ts';
import { definitionsOf } from '../src/registry/index.ts';
import {
  MAX_REPORT_CHARS,
  parseReport,
  redactReport,
  reportFileName,
  toHtml,
  toJson,
  toMarkdown,
} from '../src/report/index.ts';
import { addOriginalPositions, CallsiteMaps } from '../src/sourcemap/index.ts';
import type { Suspect } from '../src/suspects/index.ts';
import { forceGc } from './actions/force-gc.ts';
import { loadAudit, saveAudit } from './audit/audit-storage.ts';
import { RelayBridge } from './bridge.ts';
import { DebuggerSession } from './cdp/debugger-session.ts';
import { readMetrics } from './metrics.ts';
import { currentReport } from './report/current-report.ts';
import { saveFile } from './report/download.ts';
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
  /** Source maps of the page's scripts, for the callsite links. */
  readonly maps: CallsiteMaps;
  private readonly bridge: RelayBridge;
  private sampling: ReturnType<typeof setInterval> | null = null;
  private metricsEnabled = false;
  private readonly disposers: (() => void)[] = [];
  private scanAbort: AbortController | null = null;
  /** The last scans (oldest first) for the growth rules; they compare only scans of the same document. */
  private scanHistory: ScanResult[] = [];

  constructor(
    readonly store: Store,
    readonly tabId: number,
  ) {
    this.session = new DebuggerSession(tabId);
    // Showing a callsite never attaches the debugger: maps are looked up only while it is attached.
    this.maps = new CallsiteMaps(this.session, () => this.session.current.kind === 'attached');
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
        // With the panel still open, target_closed means the tab went to a page extensions may not debug
        // (file:// without file access, chrome://, the Web Store): no content script runs there and DevTools sent
        // no onNavigated for file:// in tests, so the old page's registrations are stale. One attach says why.
        if (s.kind === 'detached' && s.reason === 'target_closed') {
          store.navigated();
          store.recordMetrics({}); // the hook's counters drop to the (empty) new page now, not at the next sample
          void this.attachAndSample();
        }
      }),
    );
  }

  start(): void {
    this.bridge.start();
    this.disposers.push(linkToServiceWorker(this.tabId));
    const onNavigated = (url: string) => {
      this.store.navigated();
      this.maps.reset();
      this.bridge.requestFull();
      // An audit marks an iteration by itself when the page comes back to where the audit started.
      const audit = this.store.audit;
      if (audit.kind === 'recording' && url === audit.url) setTimeout(() => void this.markIteration(), 1000);
    };
    void loadAudit(this.tabId).then((saved) => {
      if (saved && this.store.audit.kind === 'off') this.store.setAudit(saved);
    });
    chrome.devtools.network.onNavigated.addListener(onNavigated);
    this.disposers.push(() => chrome.devtools.network.onNavigated.removeListener(onNavigated));
    // Back from a page the debugger was refused on (file:// without file access, chrome://): attach again once
    // the tab has loaded (an attach tried from onNavigated, at commit, did not take in tests on Chromium 156).
    const onTabUpdated = (tabId: number, change: { status?: string }) => {
      if (tabId !== this.tabId || change.status !== 'complete') return;
      const d = this.session.current;
      if (d.kind === 'refused' || (d.kind === 'detached' && d.reason === 'target_closed')) {
        void this.attachAndSample();
      }
    };
    chrome.tabs.onUpdated.addListener(onTabUpdated);
    this.disposers.push(() => chrome.tabs.onUpdated.removeListener(onTabUpdated));
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
    await this.runExclusive('Scanning…', async (signal) => {
      await this.measure(signal);
    });
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

  /** One scan (a forced GC and the live search); its result becomes what the Suspects view shows. */
  /** A scan that the suspects, the history and (for audits, deeper: `growthHops`) the growth rules see. */
  private async measure(
    signal: AbortSignal,
    growthHops?: number,
  ): Promise<{ result: ScanResult; suspects: Suspect[] }> {
    const { result, suspects, scripts } = await measure(
      this.session,
      { signal, growthHops, onProgress: (progress) => this.store.setScan({ kind: 'running', progress }) },
      this.scanHistory,
    );
    this.maps.learn(scripts);
    this.store.setDefinitions(definitionsOf(result));
    this.scanHistory = [...this.scanHistory, result].slice(-HISTORY_LENGTH);
    this.store.setScan({ kind: 'done', result, suspects, at: Date.now() });
    return { result, suspects };
  }

  /** Runs `work` as the panel's one long action: busy state, scan progress, errors shown, cancellable. */
  private async runExclusive(label: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.scanAbort || this.store.busy) return;
    const abort = new AbortController();
    this.scanAbort = abort;
    this.store.setScan({ kind: 'running', progress: null });
    this.store.setBusy(label);
    try {
      await this.attachAndSample();
      if (this.session.current.kind !== 'attached') throw new Error('the debugger is not attached');
      await work(abort.signal);
    } catch (e) {
      if (e instanceof ScanError && e.reason === 'aborted') this.store.setScan({ kind: 'idle' });
      else this.store.setScan({ kind: 'error', message: this.failureMessage(e) });
    } finally {
      this.scanAbort = null;
      this.store.setBusy(null);
    }
  }

  /** Why a long action failed: in the user's words when the infobar's Cancel ended the session under it. */
  private failureMessage(e: unknown): string {
    const d = this.session.current;
    if (d.kind === 'detached' && d.reason === 'canceled_by_user') {
      return 'Debugging was cancelled from Chrome’s infobar while it ran. Press Scan to attach again.';
    }
    return e instanceof Error ? e.message : String(e);
  }

  private setAudit(state: AuditState): void {
    this.store.setAudit(state);
    void saveAudit(this.tabId, state);
  }

  /** Start audit: a baseline measurement (forced GC, counters, registries, a scan). */
  async startAudit(): Promise<void> {
    await this.runExclusive('Recording the audit baseline…', async (signal) => {
      // A first scan of a document allocates for itself (its isolated world, its compiled page functions, ~250 kB
      // of the page's JS heap, the first script-URL lookup): one discarded measurement first keeps that out of the
      // baseline → iteration 1 step.
      await measure(this.session, { signal, growthHops: AUDIT_GROWTH_HOPS });
      const measured = await this.measure(signal, AUDIT_GROWTH_HOPS);
      this.setAudit(startAudit(measured, Date.now()));
    });
  }

  /** Mark iteration: measure again after the user repeated the action once. */
  async markIteration(): Promise<void> {
    if (this.store.audit.kind !== 'recording') return;
    await this.runExclusive('Measuring the iteration…', async (signal) => {
      const measured = await this.measure(signal, AUDIT_GROWTH_HOPS);
      this.setAudit(markIteration(this.store.audit, measured, Date.now()));
    });
  }

  /**
   * Finish audit: a last forced GC and scan. It replaces the last iteration's measurement (taken right after the
   * last repetition) rather than adding a repetition that did not happen; with no iteration yet it adds one.
   */
  async finishAudit(): Promise<void> {
    if (this.store.audit.kind !== 'recording') return;
    await this.runExclusive('Finishing the audit…', async (signal) => {
      const measured = await this.measure(signal, AUDIT_GROWTH_HOPS);
      this.setAudit(finishAudit(this.store.audit, measured, Date.now()));
    });
  }

  clearAudit(): void {
    this.setAudit({ kind: 'off' });
  }

  private async pageInfo(): Promise<{ url: string; title: string }> {
    const url = this.store.scan.kind === 'done' ? this.store.scan.result.url : '';
    try {
      const { result } = await this.session.send<{ result: { value?: unknown } }>('Runtime.evaluate', {
        expression: '({ url: location.href, title: document.title })',
        returnByValue: true,
      });
      const v = result.value as { url?: unknown; title?: unknown } | undefined;
      return {
        url: typeof v?.url === 'string' ? v.url : url,
        title: typeof v?.title === 'string' ? v.title : '',
      };
    } catch {
      return { url, title: '' };
    }
  }

  /** Export JSON / HTML / Markdown: the current report (audit, else scan, else snapshot analysis) as a download. */
  async exportReport(format: 'json' | 'html' | 'md', redact = false): Promise<void> {
    const built = this.store.imported ? null : currentReport(this.store, await this.pageInfo());
    if (built) await addOriginalPositions(built, this.maps);
    const current = this.store.imported ?? built;
    const report =
      current && redact ? redactReport(current, { queryStrings: true, textContent: true }) : current;
    if (!report) {
      this.store.setNotice({
        level: 'info',
        text: 'Nothing to export yet: run a Scan, an audit or a snapshot analysis first.',
      });
      return;
    }
    const text = format === 'json' ? toJson(report) : format === 'html' ? toHtml(report) : toMarkdown(report);
    const type = format === 'json' ? 'application/json' : format === 'html' ? 'text/html' : 'text/markdown';
    saveFile(reportFileName(report, format), text, type);
  }

  /**
   * Import: a Leakscope report (.json) is shown read-only; a heap snapshot goes to the Snapshots view. A file
   * that is neither gets a clear message.
   */
  async importFile(file: File): Promise<'report' | 'snapshot' | 'error'> {
    // Anything larger than a report can be is left to the snapshot reader, which streams it.
    if (/\.heapsnapshot$/i.test(file.name) || file.size > MAX_REPORT_CHARS) {
      this.snapshots.importFiles([file]);
      return 'snapshot';
    }
    const text = await file.text();
    const parsed = parseReport(text);
    if (parsed.ok) {
      this.store.setImported(parsed.report);
      return 'report';
    }
    if (/^\s*\{\s*"snapshot"\s*:/.test(text.slice(0, 200))) {
      this.snapshots.importFiles([file]);
      return 'snapshot';
    }
    this.store.setNotice({ level: 'error', text: `Could not import ${file.name}: ${parsed.message}` });
    return 'error';
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
