import { formatBytes, formatCount, formatDuration, formatSigned } from '../../src/format.ts';
import { Sparkline } from '../components/sparkline.tsx';
import { COUNTERS, type CounterInfo, type Store } from '../store.ts';

/**
 * Past the hook's detail caps the totals stay exact but only part of them has records (Listeners, Timers views):
 * say so under the hook's counters, short enough for the card ("50,000 tracked in detail"), in full in the title.
 */
function detailNote(info: CounterInfo, store: Store): { text: string; title: string } | null {
  const t = store.registry.totals();
  if (info.id === 'listeners') {
    if (t.detailedListeners >= t.listeners) return null;
    return {
      text: `${formatCount(t.detailedListeners)} tracked in detail`,
      title: `${formatCount(t.listeners)} live listeners; the Listeners view has the detail of ${formatCount(t.detailedListeners)} of them (Leakscope's cap), the rest are only counted`,
    };
  }
  const timers = t.intervals + t.timeouts + t.animationFrames;
  const own = info.id === 'intervals' ? t.intervals : info.id === 'timeouts' ? t.timeouts : t.animationFrames;
  if (t.detailedTimers >= timers || own === 0) return null;
  return {
    text: `${formatCount(t.detailedTimers)} of ${formatCount(timers)} timers in detail`,
    title: `${formatCount(timers)} live timers; the Timers view has the detail of ${formatCount(t.detailedTimers)} of them (Leakscope's cap), the rest are only counted`,
  };
}

function CounterCard({ info, store }: { info: CounterInfo; store: Store }) {
  const series = store.series.get(info.id)!;
  const format = info.unit === 'bytes' ? formatBytes : formatCount;
  const last = series.last;
  const change = series.changeOver(60_000);
  // Chrome's counters come over the debugger: without it the last value is history, not the current count.
  const paused = info.source === 'renderer' && store.debugger.kind !== 'attached' && last !== null;
  const note = info.source === 'hook' ? detailNote(info, store) : null;
  return (
    <div class="ls-counter" data-counter={info.id}>
      <div class="ls-counter-head">
        <span
          class="ls-counter-label"
          title={info.source === 'renderer' ? 'Whole renderer process' : 'This page'}
        >
          {info.label}
        </span>
        {paused ? (
          <span class="ls-delta" data-paused="true" title="The debugger is not attached">
            paused, last {format(last)}
          </span>
        ) : (
          <span
            class="ls-delta"
            data-trend={change && change.delta > 0 ? 'up' : undefined}
            title="Change over the last minute"
          >
            {change === null
              ? ''
              : `${formatSigned(change.delta, format)} in ${formatDuration(change.spanMs)}`}
          </span>
        )}
      </div>
      <div class="ls-counter-value" data-value={paused ? '' : (last ?? '')} data-paused={paused || undefined}>
        {last === null || paused ? '—' : format(last)}
      </div>
      {note && (
        <div class="ls-counter-note" data-testid={`detail-note-${info.id}`} title={note.title}>
          {note.text}
        </div>
      )}
      <Sparkline
        times={series.times}
        values={series.values}
        marks={
          store.audit.kind === 'off' ? store.navigations : [...store.navigations, ...store.audit.markedAt]
        }
        label={`${info.label} over time`}
      />
    </div>
  );
}

export function OverviewView({ store }: { store: Store }) {
  const gc = store.gc;
  const untracked = store.registry.untrackedApis();
  return (
    <div class="ls-view ls-scroll">
      <div class="ls-counters">
        {COUNTERS.map((c) => (
          <CounterCard key={c.id} info={c} store={store} />
        ))}
      </div>
      {gc && (
        <div class="ls-kv" data-testid="gc-result" style={{ paddingTop: '8px' }}>
          Last forced GC: JS heap {formatBytes(gc.heapBefore)} → {formatBytes(gc.heapAfter)} (freed{' '}
          {formatBytes(Math.max(0, gc.heapBefore - gc.heapAfter))}) in {formatDuration(gc.ms)}.
        </div>
      )}
      {untracked.length > 0 && (
        <div class="ls-kv" data-testid="untracked-apis">
          Not tracked on this page (the page replaced or froze them first):{' '}
          <span class="ls-code">{untracked.join(', ')}</span>
        </div>
      )}
      <div class="ls-kv">
        DOM nodes, JS event listeners, documents, frames and JS heap are Chrome’s counters for the whole
        renderer process; the others count this page’s live registrations as Leakscope’s page hook saw them.
        Dashed lines mark navigations and audit iterations.
      </div>
    </div>
  );
}
