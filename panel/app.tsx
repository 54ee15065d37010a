import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '../src/format.ts';
import { ToolButton } from './components/tool-button.tsx';
import type { Controller } from './controller.ts';
import type { Store } from './store.ts';
import { useStore } from './use-store.ts';
import { AuditView } from './views/audit.tsx';
import { ImagesView } from './views/images.tsx';
import { ListenersView } from './views/listeners.tsx';
import { OverviewView } from './views/overview.tsx';
import { ReportView } from './views/report.tsx';
import { SnapshotsView } from './views/snapshots.tsx';
import { SuspectsView } from './views/suspects.tsx';
import { TimersView } from './views/timers.tsx';

const EXPORTS = [
  ['json', 'JSON'],
  ['html', 'HTML'],
  ['md', 'Markdown'],
] as const;

type TabId = 'overview' | 'suspects' | 'images' | 'listeners' | 'timers' | 'snapshots' | 'audit' | 'report';

function statusText(store: Store): { text: string; level: 'ok' | 'error' | 'info' } {
  const d = store.debugger;
  if (store.scan.kind === 'running' && store.scan.progress) {
    const p = store.scan.progress;
    const pct = p.total ? ` ${Math.round((100 * p.done) / p.total)}%` : '';
    return { text: `Scanning… ${p.phase}${pct}`, level: 'info' };
  }
  if (store.busy) return { text: store.busy, level: 'info' };
  switch (d.kind) {
    case 'attached':
      return { text: 'Attached', level: 'ok' };
    case 'attaching':
      return { text: 'Attaching…', level: 'info' };
    case 'refused':
      return { text: 'Cannot inspect this page', level: 'error' };
    case 'detached':
      if (d.reason === 'canceled_by_user') {
        return { text: 'Paused: debugging cancelled — click Scan or Force GC to resume', level: 'error' };
      }
      return d.reason
        ? { text: 'Debugger detached — click Scan or Force GC to re-attach', level: 'error' }
        : { text: 'Not attached', level: 'info' };
  }
}

export function App({ store, controller }: { store: Store; controller: Controller }) {
  useStore(store);
  const [tab, setTab] = useState<TabId>('overview');
  const [now, setNow] = useState(Date.now());
  const [redact, setRedact] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);
  const audit = store.audit;
  const blocked = !!store.busy || store.debugger.kind === 'refused';
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const listenerCount = store.registry.listenerCount();
  const timerCount = store.registry.timerCount();
  const suspectCount =
    store.scan.kind === 'done' ? store.scan.suspects.filter((s) => s.severity !== 'info').length : undefined;
  const scanning = store.scan.kind === 'running';
  const tabs: { id: TabId; label: string; count?: number }[] = [
    { id: 'overview', label: 'Overview' },
    { id: 'suspects', label: 'Suspects', count: suspectCount },
    {
      id: 'images',
      label: 'Images',
      count: store.scan.kind === 'done' ? store.scan.result.images.length : undefined,
    },
    { id: 'listeners', label: 'Listeners', count: listenerCount },
    { id: 'timers', label: 'Timers', count: timerCount },
    { id: 'snapshots', label: 'Snapshots' },
    {
      id: 'audit',
      label: 'Audit',
      count: store.audit.kind === 'off' ? undefined : store.audit.iterations.length - 1,
    },
    ...(store.imported ? [{ id: 'report' as const, label: 'Imported report' }] : []),
  ];
  const status = statusText(store);
  const refused = store.debugger.kind === 'refused' ? store.debugger.message : null;

  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const t = tabs[(next + tabs.length) % tabs.length];
    setTab(t.id);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab="${t.id}"]`)?.focus();
  };

  /** A toolbar action that also brings its view to the front. */
  const on = (view: TabId, action: () => Promise<void>) => () => {
    setTab(view);
    void action();
  };

  return (
    <div class="ls-app">
      <div class="ls-toolbar" role="toolbar" aria-label="Leakscope">
        {scanning ? (
          <ToolButton onClick={() => controller.cancelScan()}>Cancel scan</ToolButton>
        ) : (
          <ToolButton primary disabled={blocked} onClick={on('suspects', () => controller.scan())}>
            Scan
          </ToolButton>
        )}
        <ToolButton disabled={blocked} onClick={() => void controller.forceGc()}>
          Force GC
        </ToolButton>
        <div class="ls-toolbar-sep" />
        {audit.kind === 'recording' ? (
          <>
            <ToolButton disabled={blocked} onClick={on('audit', () => controller.markIteration())}>
              Mark iteration
            </ToolButton>
            <ToolButton disabled={blocked} onClick={on('audit', () => controller.finishAudit())}>
              Finish audit
            </ToolButton>
          </>
        ) : (
          <ToolButton disabled={blocked} onClick={on('audit', () => controller.startAudit())}>
            Start audit
          </ToolButton>
        )}
        <div class="ls-toolbar-sep" />
        <ToolButton onClick={() => importInput.current?.click()}>Import</ToolButton>
        <input
          ref={importInput}
          type="file"
          hidden
          accept=".json,.heapsnapshot,application/json"
          aria-label="Report or heap snapshot file"
          data-testid="import-input"
          onChange={(e) => {
            const el = e.currentTarget as HTMLInputElement;
            const file = el.files?.[0];
            el.value = '';
            if (file)
              void controller.importFile(file).then((kind) => {
                if (kind === 'report') setTab('report');
                if (kind === 'snapshot') setTab('snapshots');
              });
          }}
        />
        <span class="ls-toolbar-label">Export</span>
        <label class="ls-toolbar-label" title="Redact query strings and text in exports">
          <input
            type="checkbox"
            checked={redact}
            data-testid="export-redact"
            onChange={(e) => setRedact((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Redact
        </label>
        {EXPORTS.map(([format, label]) => (
          <ToolButton
            key={format}
            label={`Export ${label}`}
            onClick={() => void controller.exportReport(format, redact)}
          >
            {label}
          </ToolButton>
        ))}
        <div class="ls-toolbar-sep" />
        <ToolButton
          disabled={blocked}
          title="Reload the page with callsite recording on from its first script"
          onClick={() => void controller.reloadAndRecord()}
        >
          Reload and record
        </ToolButton>
        <div class="ls-toolbar-spacer" />
        {store.busy && <div class="ls-progress" role="progressbar" aria-label={store.busy} />}
        <span class="ls-status" data-level={status.level} role="status" data-testid="status">
          {status.text}
        </span>
      </div>
      {(refused || store.notice) && (
        <div class="ls-notice" data-level={refused ? 'error' : store.notice?.level} role="alert">
          <span>{refused ?? store.notice?.text}</span>
          {!refused && (
            <button type="button" class="ls-button" onClick={() => store.setNotice(null)}>
              Dismiss
            </button>
          )}
        </div>
      )}
      <div class="ls-tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
        {tabs.map((t) => (
          <button
            type="button"
            role="tab"
            key={t.id}
            class="ls-tab"
            data-tab={t.id}
            aria-selected={tab === t.id ? 'true' : 'false'}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.count !== undefined && <span class="ls-count">{formatCount(t.count)}</span>}
          </button>
        ))}
      </div>
      <div class="ls-view" role="tabpanel" aria-label={tabs.find((t) => t.id === tab)?.label}>
        {tab === 'overview' && <OverviewView store={store} />}
        {tab === 'suspects' && <SuspectsView state={store.scan} />}
        {tab === 'images' && <ImagesView state={store.scan} />}
        {tab === 'listeners' && <ListenersView store={store} now={now} />}
        {tab === 'timers' && <TimersView store={store} now={now} />}
        {tab === 'snapshots' && <SnapshotsView state={store.snapshot} actions={controller.snapshots} />}
        {tab === 'audit' && (
          <AuditView audit={store.audit} latest={store.scan.kind === 'done' ? store.scan.suspects : []} />
        )}
        {tab === 'report' && store.imported && (
          <ReportView
            report={store.imported}
            onClose={() => {
              store.setImported(null);
              setTab('overview');
            }}
          />
        )}
      </div>
    </div>
  );
}
