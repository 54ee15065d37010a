import { useEffect, useRef, useState } from 'preact/hooks';
import { SCAN_PHASE_LABEL } from '../src/live/index.ts';
import type { MenuEntry } from './components/menu.tsx';
import { TabStrip } from './components/tab-strip.tsx';
import { Toolbar, type ToolbarItem } from './components/toolbar.tsx';
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
    return { text: `Scanning… ${SCAN_PHASE_LABEL[p.phase]}${pct}`, level: 'info' };
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
  useEffect(() => {
    // Ctrl/Cmd+F focuses the view's filter, as in DevTools' own panels; in the capture phase, before DevTools'
    // extension API forwards the shortcut to DevTools itself.
    const findShortcut = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'f') return;
      const filter = document.querySelector<HTMLInputElement>('.ls-view input[type="search"]');
      if (!filter) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      filter.focus();
      filter.select();
    };
    addEventListener('keydown', findShortcut, true);
    return () => removeEventListener('keydown', findShortcut, true);
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

  /** A toolbar action that also brings its view to the front. */
  const on = (view: TabId, action: () => Promise<void>) => () => {
    setTab(view);
    void action();
  };

  const exportEntries: MenuEntry[] = [
    ...EXPORTS.map(
      ([format, label]): MenuEntry => ({
        kind: 'item',
        label: `Export ${label}`,
        onSelect: () => void controller.exportReport(format, redact),
      }),
    ),
    { kind: 'separator' },
    {
      kind: 'item',
      label: 'Redact exports',
      title: 'Leave query strings and page text out of exports',
      checked: redact,
      onSelect: () => setRedact((r) => !r),
    },
  ];
  const toolbarItems: ToolbarItem[] = [
    scanning
      ? { kind: 'button', label: 'Cancel scan', onClick: () => controller.cancelScan() }
      : {
          kind: 'button',
          label: 'Scan',
          primary: true,
          disabled: blocked,
          onClick: on('suspects', () => controller.scan()),
        },
    { kind: 'button', label: 'Force GC', disabled: blocked, onClick: () => void controller.forceGc() },
    { kind: 'separator', id: 'sep-audit' },
    ...(audit.kind === 'recording'
      ? ([
          {
            kind: 'button',
            label: 'Mark iteration',
            disabled: blocked,
            onClick: on('audit', () => controller.markIteration()),
          },
          {
            kind: 'button',
            label: 'Finish audit',
            disabled: blocked,
            onClick: on('audit', () => controller.finishAudit()),
          },
        ] as const)
      : ([
          {
            kind: 'button',
            label: 'Start audit',
            disabled: blocked,
            onClick: on('audit', () => controller.startAudit()),
          },
        ] as const)),
    { kind: 'separator', id: 'sep-files' },
    { kind: 'button', label: 'Import', onClick: () => importInput.current?.click() },
    { kind: 'menu', label: 'Export', entries: exportEntries },
    { kind: 'separator', id: 'sep-reload' },
    {
      kind: 'button',
      label: 'Reload and record',
      disabled: blocked,
      title: 'Reload the page with callsite recording on from its first script',
      onClick: () => void controller.reloadAndRecord(),
    },
  ];

  return (
    <div class="ls-app">
      <Toolbar
        label="Leakscope"
        items={toolbarItems}
        end={
          <>
            {store.busy && <div class="ls-progress" role="progressbar" aria-label={store.busy} />}
            <span
              class="ls-status"
              data-level={status.level}
              role="status"
              data-testid="status"
              title={status.text}
            >
              {status.text}
            </span>
          </>
        }
      />
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
      <TabStrip tabs={tabs} selected={tab} onSelect={setTab} />
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
