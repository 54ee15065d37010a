/**
 * Dev tool: where one scan's time goes, on the benchmark page (default 50k objects; `--objects N` for another size):
 * per phase (from `onProgress`), per CDP method (calls, wall time with at least one in flight, KB returned), and
 * per BFS level (classification, internal slots, walk).
 */
import { PageExplorer } from '../src/live/explorer.ts';
import { scan } from '../src/live/index.ts';
import { launch } from '../tests/e2e/harness.ts';
import { guardedTransportFor } from '../tests/e2e/live-transport.ts';
import { generatePage } from './scan-page.ts';

const explorers: PageExplorer[] = [];
const seed = PageExplorer.prototype.seed;
PageExplorer.prototype.seed = function (this: PageExplorer, max: number) {
  explorers.push(this);
  return seed.call(this, max);
};
const at = process.argv.indexOf('--objects');
const objects = at > 0 ? Number(process.argv[at + 1]) : 50_000;
const session = await launch({ extension: false });
try {
  const page = await session.browser.newPage();
  await page.setContent(
    generatePage({ objects, closures: objects / 10, listeners: objects / 50, trees: 20 }),
    { waitUntil: 'load' },
  );
  const t = await guardedTransportFor(page);
  // Per method: calls, wall time with at least one call in flight, bytes returned.
  const methods = new Map<
    string,
    { calls: number; inFlight: number; since: number; ms: number; kb: number }
  >();
  const send = t.send.bind(t);
  // Any command: wall time with at least one in flight (the rest is this process's own work between calls).
  const any = { inFlight: 0, since: 0, ms: 0 };
  t.send = async <T>(method: string, params?: Record<string, unknown>): Promise<T> => {
    if (any.inFlight++ === 0) any.since = performance.now();
    const m = methods.get(method) ?? { calls: 0, inFlight: 0, since: 0, ms: 0, kb: 0 };
    methods.set(method, m);
    m.calls++;
    if (m.inFlight++ === 0) m.since = performance.now();
    try {
      const r = await send<T>(method, params);
      m.kb += JSON.stringify(r).length / 1024;
      return r;
    } finally {
      if (--m.inFlight === 0) m.ms += performance.now() - m.since;
      if (--any.inFlight === 0) any.ms += performance.now() - any.since;
    }
  };
  for (let i = 0; i < 3; i++) {
    methods.clear();
    any.ms = 0;
    const phases: Array<[string, number]> = [];
    let last = '';
    const t0 = performance.now();
    const r = await scan(t, {
      onProgress: ({ phase }) => {
        if (phase === last) return;
        last = phase;
        phases.push([phase, performance.now() - t0]);
      },
    });
    const end = performance.now() - t0;
    const levels = explorers
      .at(-1)!
      .profile.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(v)])));
    console.log(
      `scan ${r.ms.toFixed(0)} ms, search ${r.search.ms.toFixed(0)} ms, ${r.search.cdpCalls} calls, ${r.search.functionsExpanded} functions expanded`,
    );
    console.log(
      `phases (start → ms): ${phases
        .map(([p, ms], k) => `${p} ${((phases[k + 1]?.[1] ?? end) - ms).toFixed(0)}`)
        .join(', ')}`,
    );
    console.log(`any command in flight ${any.ms.toFixed(0)} ms of ${end.toFixed(0)} ms`);
    console.table(levels);
    console.table(
      Object.fromEntries(
        [...methods].map(([k, v]) => [k, { calls: v.calls, ms: Math.round(v.ms), kb: Math.round(v.kb) }]),
      ),
    );
  }
} finally {
  await session.close();
}
