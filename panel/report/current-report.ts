import {
  type Report,
  type ReportMeta,
  reportFromAudit,
  reportFromHeap,
  reportFromScan,
  type SeriesPoint,
} from '../../src/report/index.ts';
import type { Store } from '../store.ts';

/** Chrome's metric names for the counters the panel samples (the report keys counters by these). */
const METRIC_NAME: Record<string, string> = {
  nodes: 'Nodes',
  jsEventListeners: 'JSEventListeners',
  documents: 'Documents',
  frames: 'Frames',
  jsHeapUsed: 'JSHeapUsedSize',
};

/** `Chrome/156.0.8078.73` from the panel's own user agent: the panel runs in the browser being inspected. */
export function browserVersion(): string {
  return /(?:Chrome|Chromium)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? '';
}

function series(store: Store): { name: string; points: SeriesPoint[] }[] {
  const out: { name: string; points: SeriesPoint[] }[] = [];
  for (const [id, s] of store.series) {
    const name = METRIC_NAME[id];
    if (!name || !s.times.length) continue;
    const t0 = s.times[0];
    out.push({ name, points: s.times.map((t, i) => ({ t: t - t0, v: s.values[i] })) });
  }
  return out;
}

/**
 * The report the Export buttons save: a finished audit if there is one, else the last scan, else the last
 * snapshot analysis; null when there is nothing to report yet.
 */
export function currentReport(store: Store, page: { url: string; title: string }): Report | null {
  const meta: ReportMeta = {
    url: page.url,
    title: page.title,
    browser: browserVersion(),
    createdAt: new Date(),
    toolVersion: chrome.runtime.getManifest().version,
  };
  const scan = store.scan.kind === 'done' ? store.scan : null;
  if (store.audit.kind === 'finished') {
    return reportFromAudit({
      meta: { ...meta, url: store.audit.url || meta.url },
      scenario: 'Manual audit in the Leakscope panel',
      iterations: store.audit.iterations,
      suspects: scan?.suspects ?? [],
      heap: null,
      metrics: scan?.result.metrics ?? {},
      timings: [],
    });
  }
  if (scan)
    return reportFromScan({ meta, scan: scan.result, suspects: scan.suspects, series: series(store) });
  if (store.snapshot.kind === 'done') {
    return reportFromHeap(
      { ...meta, url: '', title: store.snapshot.files.join(', ') },
      store.snapshot.result,
    );
  }
  return null;
}
