import { useMemo, useState } from 'preact/hooks';
import { callsiteText } from '../../src/callsite.ts';
import { formatCount, formatDuration } from '../../src/format.ts';
import {
  describeFrame,
  groupListeners,
  type ListenerGroup,
  type LiveListener,
  listenerCallsite,
} from '../../src/registry/index.ts';
import { CallsiteLink, NOT_RECORDED } from '../components/callsite-link.tsx';
import { type Column, DataGrid } from '../components/data-grid.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterBox } from '../components/filter-box.tsx';
import { RevealButton } from '../components/reveal-button.tsx';
import { Summary } from '../components/summary.tsx';
import { revealByLabel } from '../reveal/reveal.ts';
import type { Store } from '../store.ts';

type Row = { group: ListenerGroup; listener?: LiveListener };

/**
 * An element target still in its document can be revealed in Elements (found again by its label in the
 * listener's frame); a removed one cannot — Elements shows only the document, the Target state says why.
 */
function revealable(r: Row): LiveListener | null {
  // In a group, any registration whose target is still in the document (they share one label).
  const l = r.listener ?? r.group.listeners.find((x) => !x.targetDetached);
  if (l?.targetKind !== 'element' || l.targetDetached) return null;
  return l;
}

function targetCell(r: Row) {
  const l = revealable(r);
  const shown = l ?? r.listener ?? r.group.listeners[0];
  return (
    <>
      {r.listener ? `#${r.listener.id}` : r.group.target}
      {shown?.targetKind === 'element' && (
        <>
          {' '}
          {/* Mounted for as long as the target is an element, so a click's answer survives the update that hides
              the button when the page removes the element. */}
          <RevealButton available={!!l} reveal={() => revealByLabel(shown.target, shown.frameUrl || null)} />
        </>
      )}
    </>
  );
}

function options(g: ListenerGroup): string {
  const parts: string[] = [];
  if (g.capture) parts.push(g.capture === g.count ? 'capture' : `capture ×${g.capture}`);
  if (g.once) parts.push('once');
  if (g.passive) parts.push('passive');
  if (g.signal) parts.push('signal');
  return parts.join(', ');
}

function singleOptions(l: LiveListener): string {
  return [l.capture && 'capture', l.once && 'once', l.passive && 'passive', l.signal && 'signal']
    .filter(Boolean)
    .join(', ');
}

export function ListenersView({ store, now }: { store: Store; now: number }) {
  const [filter, setFilter] = useState('');
  // Rebuilt only when the page's registrations changed, not on the view's 1 s age tick.
  const groups = useMemo(() => groupListeners(store.registry.listeners()), [store.revision]);
  // The hook's callsite, else (registered before the panel connected) where the last scan found the handler defined.
  const callsiteOf = (l: LiveListener) => listenerCallsite(l, store.definitions);
  const atText = (l: LiveListener) => {
    const c = callsiteOf(l);
    return c ? callsiteText(c) : '';
  };
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? groups.filter((g) =>
        `${g.target} ${g.type} ${g.handler} ${atText(g.listeners[0])}`.toLowerCase().includes(needle),
      )
    : groups;
  const rows: Row[] = shown.map((group) => ({ group }));
  const detached = groups.reduce((n, g) => n + g.detachedCount, 0);
  const totals = store.registry.totals();

  const frameColumn: Column<Row>[] =
    store.registry.frames.size > 1
      ? [
          {
            id: 'frame',
            title: 'Frame',
            width: 160,
            priority: 4,
            className: 'ls-code',
            render: (r) => describeFrame(r.group.listeners[0].frameId, r.group.listeners[0].frameUrl),
            title_: (r) => r.group.listeners[0].frameUrl,
            sortValue: (r) => r.group.listeners[0].frameId,
          },
        ]
      : [];
  const columns: Column<Row>[] = [
    {
      id: 'target',
      title: 'Target',
      width: 200,
      minWidth: 130,
      className: 'ls-code',
      render: targetCell,
      title_: (r) => r.group.target,
      sortValue: (r) => r.group.target,
    },
    ...frameColumn,
    {
      id: 'type',
      title: 'Event',
      width: 110,
      minWidth: 80,
      render: (r) => r.group.type,
      sortValue: (r) => r.group.type,
    },
    {
      id: 'count',
      title: 'Count',
      width: 60,
      align: 'right',
      render: (r) => (r.listener ? '' : formatCount(r.group.count)),
      sortValue: (r) => r.group.count,
    },
    {
      id: 'status',
      title: 'Target state',
      width: 160,
      minWidth: 120,
      priority: 3,
      render: (r) => {
        const n = r.listener ? (r.listener.targetDetached ? 1 : 0) : r.group.detachedCount;
        if (!n) return <span class="ls-muted">in document</span>;
        return (
          <span class="ls-flag">
            {r.listener || n === r.group.count ? 'removed from document' : `${n} removed`}
          </span>
        );
      },
      sortValue: (r) => r.group.detachedCount,
    },
    {
      id: 'options',
      title: 'Options',
      width: 110,
      priority: 6,
      render: (r) => (r.listener ? singleOptions(r.listener) : options(r.group)),
    },
    {
      id: 'handler',
      title: 'Handler',
      width: 130,
      priority: 4,
      className: 'ls-code',
      render: (r) => r.group.handler,
      sortValue: (r) => r.group.handler,
    },
    {
      id: 'age',
      title: 'Age',
      width: 80,
      priority: 5,
      align: 'right',
      render: (r) => formatDuration(Math.max(0, now - (r.listener?.addedAtEpoch ?? r.group.firstAddedAt))),
      sortValue: (r) => -r.group.firstAddedAt,
    },
    {
      id: 'callsite',
      title: 'Callsite',
      className: 'ls-code',
      minWidth: 140,
      priority: 2,
      render: (r) => (
        <CallsiteLink callsite={callsiteOf(r.listener ?? r.group.listeners[0])} missing={NOT_RECORDED} />
      ),
      title_: (r) => atText(r.listener ?? r.group.listeners[0]),
      sortValue: (r) => atText(r.group.listeners[0]).replace(/^\S+ at /, ''),
    },
  ];

  if (!groups.length) {
    return (
      <EmptyState title="No live event listeners seen yet">
        Leakscope’s page hook lists every <code>addEventListener</code> registration of this page and its
        frames while this panel is open. If the page registered listeners before the panel opened, reload the
        page to record them with their callsites.
      </EmptyState>
    );
  }

  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <FilterBox
          label="Filter listeners"
          placeholder="Filter target, event, handler, file"
          value={filter}
          onChange={setFilter}
        />
        <Summary testid="listener-summary">
          {formatCount(store.registry.listenerCount())} listeners in {formatCount(groups.length)} groups
          {detached ? ` · ${formatCount(detached)} on targets removed from the document` : ''}
          {totals.detailedListeners < totals.listeners
            ? ` · detail capped: ${formatCount(totals.listeners)} live, ${formatCount(totals.detailedListeners)} tracked in detail`
            : ''}
        </Summary>
      </div>
      <DataGrid
        label="Listeners"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.group.key}
        children={(r) =>
          !r.listener && r.group.count > 1
            ? r.group.listeners.map((listener) => ({ group: r.group, listener }))
            : []
        }
        initialSort={{ column: 'count', descending: true }}
        rowAttributes={(r) => ({ 'data-type': r.group.type, 'data-detached': String(r.group.detachedCount) })}
      />
    </div>
  );
}
