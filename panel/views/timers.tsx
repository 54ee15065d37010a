import { useMemo, useState } from 'preact/hooks';
import { callsiteText } from '../../src/callsite.ts';
import { formatCount, formatDuration } from '../../src/format.ts';
import { describeFrame, type LiveTimer, timerCallsite } from '../../src/registry/index.ts';
import { CallsiteLink, NOT_RECORDED } from '../components/callsite-link.tsx';
import { type Column, DataGrid } from '../components/data-grid.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterBox } from '../components/filter-box.tsx';
import { Summary } from '../components/summary.tsx';
import type { Store } from '../store.ts';

const KIND_LABEL = {
  interval: 'setInterval',
  timeout: 'setTimeout',
  animationFrame: 'requestAnimationFrame',
} as const;

export function TimersView({ store, now }: { store: Store; now: number }) {
  const [filter, setFilter] = useState('');
  // Rebuilt only when the page's registrations changed, not on the view's 1 s age tick.
  const timers = useMemo(() => store.registry.timers(), [store.revision]);
  // The hook's callsite, else (set before the panel connected) where the last scan found the callback defined.
  const callsiteOf = (t: LiveTimer) => timerCallsite(t, store.definitions);
  const atText = (t: LiveTimer) => {
    const c = callsiteOf(t);
    return c ? callsiteText(c) : '';
  };
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? timers.filter((t) => `${KIND_LABEL[t.kind]} ${t.handler} ${atText(t)}`.toLowerCase().includes(needle))
    : timers;
  const intervals = timers.filter((t) => t.kind === 'interval').length;
  const totals = store.registry.totals();
  const liveTimers = totals.intervals + totals.timeouts + totals.animationFrames;

  const columns: Column<LiveTimer>[] = [
    {
      id: 'kind',
      title: 'Kind',
      width: 150,
      minWidth: 100,
      render: (t) => KIND_LABEL[t.kind],
      sortValue: (t) => t.kind,
    },
    ...(store.registry.frames.size > 1
      ? [
          {
            id: 'frame',
            title: 'Frame',
            width: 160,
            priority: 4,
            className: 'ls-code',
            render: (t: LiveTimer) => describeFrame(t.frameId, t.frameUrl),
            title_: (t: LiveTimer) => t.frameUrl,
            sortValue: (t: LiveTimer) => t.frameId,
          },
        ]
      : []),
    {
      id: 'id',
      title: 'Id',
      width: 60,
      align: 'right',
      priority: 5,
      render: (t) => String(t.id),
      sortValue: (t) => t.id,
    },
    {
      id: 'delay',
      title: 'Delay',
      width: 80,
      priority: 3,
      align: 'right',
      render: (t) => (t.kind === 'animationFrame' ? '' : formatDuration(t.delay)),
      sortValue: (t) => t.delay,
    },
    {
      id: 'age',
      title: 'Age',
      width: 80,
      priority: 4,
      align: 'right',
      render: (t) => formatDuration(Math.max(0, now - t.createdAtEpoch)),
      sortValue: (t) => -t.createdAt,
    },
    {
      id: 'runs',
      title: 'Runs',
      width: 60,
      priority: 3,
      align: 'right',
      render: (t) => formatCount(t.runs),
      sortValue: (t) => t.runs,
    },
    {
      id: 'handler',
      title: 'Callback',
      width: 140,
      minWidth: 100,
      className: 'ls-code',
      render: (t) => t.handler,
      sortValue: (t) => t.handler,
    },
    {
      id: 'callsite',
      title: 'Callsite',
      className: 'ls-code',
      minWidth: 140,
      priority: 2,
      render: (t) => <CallsiteLink callsite={callsiteOf(t)} missing={NOT_RECORDED} />,
      title_: (t) => atText(t),
      sortValue: (t) => atText(t).replace(/^\S+ at /, ''),
    },
  ];

  if (!timers.length) {
    return (
      <EmptyState title="No live timers">
        Live intervals, pending timeouts and animation frames of this page appear here with the line that
        created them, their age and how often they ran. An interval nobody clears keeps its callback — and
        everything that callback can reach — alive.
      </EmptyState>
    );
  }

  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <FilterBox
          label="Filter timers"
          placeholder="Filter kind, callback, file"
          value={filter}
          onChange={setFilter}
        />
        <Summary testid="timer-summary">
          {formatCount(intervals)} intervals · {formatCount(timers.length - intervals)} pending timeouts and
          frames
          {totals.detailedTimers < liveTimers
            ? ` · detail capped: ${formatCount(liveTimers)} live, ${formatCount(totals.detailedTimers)} tracked in detail`
            : ''}
        </Summary>
      </div>
      <DataGrid
        label="Timers"
        rows={shown}
        columns={columns}
        rowKey={(t) => `${t.frameId}:${t.kind}:${t.id}`}
        initialSort={{ column: 'age', descending: false }}
        rowAttributes={(t) => ({ 'data-kind': t.kind })}
      />
    </div>
  );
}
