import type { CdpTransport } from '../src/cdp/index.ts';
import type { CounterId } from './store.ts';

const METRIC_NAMES: Partial<Record<string, CounterId>> = {
  Nodes: 'nodes',
  JSEventListeners: 'jsEventListeners',
  Documents: 'documents',
  Frames: 'frames',
  JSHeapUsedSize: 'jsHeapUsed',
};

/** Reads the renderer's counters (per renderer process, not per page: Chrome has no per-page API for this). */
export async function readMetrics(cdp: CdpTransport): Promise<Partial<Record<CounterId, number>>> {
  const { metrics } = await cdp.send<{ metrics: { name: string; value: number }[] }>(
    'Performance.getMetrics',
  );
  const out: Partial<Record<CounterId, number>> = {};
  for (const m of metrics) {
    const id = METRIC_NAMES[m.name];
    if (id) out[id] = m.value;
  }
  return out;
}
