// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import { Store } from '../../../panel/store.ts';
import { ListenersView } from '../../../panel/views/listeners.tsx';
import { OverviewView } from '../../../panel/views/overview.tsx';
import { TimersView } from '../../../panel/views/timers.tsx';
import type { HookCounts } from '../../../src/protocol/messages.ts';
import { hookBatch, listenerRecord, timerRecord } from '../hook-batch.ts';

afterEach(cleanup);
// uPlot needs a canvas context, which happy-dom lacks.
vi.mock('../../../panel/components/sparkline.tsx', () => ({ Sparkline: () => null }));

/** Past the hook's detail caps the panel shows the exact totals and says how many are tracked in detail. */

function storeWith(counts: HookCounts): Store {
  const store = new Store();
  const batch = hookBatch({
    full: true,
    listenersAdded: [listenerRecord(1, 'flood')],
    timersAdded: [timerRecord(5)],
    counts,
  });
  store.applyBatch(0, batch);
  store.recordMetrics({});
  return store;
}

test('capped: the Overview counters, Listeners and Timers summaries say how much is tracked in detail', () => {
  const store = storeWith({
    listeners: 1_000_000,
    intervals: 100_000,
    timeouts: 100_000,
    animationFrames: 0,
    detailedListeners: 50_000,
    detailedTimers: 20_000,
  });
  const o = render(<OverviewView store={store} />);
  expect(o.getByTestId('detail-note-listeners').textContent).toBe('50,000 tracked in detail');
  expect(o.getByTestId('detail-note-listeners').title).toMatch(
    /^1,000,000 live listeners; .* 50,000 of them/,
  );
  expect(o.getByTestId('detail-note-timeouts').textContent).toBe('20,000 of 200,000 timers in detail');
  expect(o.getByTestId('detail-note-intervals').textContent).toBe('20,000 of 200,000 timers in detail');
  // No note under a counter of zero (it would read as if animation frames were capped).
  expect(o.queryByTestId('detail-note-animationFrames')).toBeNull();
  expect(o.container.querySelector('[data-counter="listeners"] .ls-counter-value')?.textContent).toBe(
    '1,000,000',
  );
  cleanup();
  const l = render(<ListenersView store={store} now={0} />);
  expect(l.getByTestId('listener-summary').textContent).toContain(
    'detail capped: 1,000,000 live, 50,000 tracked in detail',
  );
  cleanup();
  const t = render(<TimersView store={store} now={0} />);
  expect(t.getByTestId('timer-summary').textContent).toContain(
    'detail capped: 200,000 live, 20,000 tracked in detail',
  );
});

test('not capped: no note', () => {
  const store = storeWith({
    listeners: 1,
    intervals: 1,
    timeouts: 0,
    animationFrames: 0,
    detailedListeners: 1,
    detailedTimers: 1,
  });
  const o = render(<OverviewView store={store} />);
  expect(o.queryByTestId('detail-note-listeners')).toBeNull();
  expect(o.queryByTestId('detail-note-intervals')).toBeNull();
  cleanup();
  const l = render(<ListenersView store={store} now={0} />);
  expect(l.getByTestId('listener-summary').textContent).not.toContain('capped');
  cleanup();
  const t = render(<TimersView store={store} now={0} />);
  expect(t.getByTestId('timer-summary').textContent).not.toContain('capped');
});
