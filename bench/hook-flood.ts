/**
 * Flood rows of the page-hook benchmark (run by `npm run bench:hook` after bench/hook.ts's per-call rows, or alone
 * with `tsx bench/hook-flood.ts`): a page registering 1,000,000 listeners, 1,000,000 adds of one listener, 100,000
 * timeouts and 100,000 intervals in a loop, each in a fresh document, timed by the page itself. Three browsers side
 * by side (no extension, hook dormant, hook connected to a stand-in panel), runs interleaved; ratios are to the
 * native column of the same run.
 */
import type { Page } from 'puppeteer-core';
import { launch, type Session } from '../tests/e2e/harness.ts';
import { forUrl, heartbeat, panelStandIn } from '../tests/e2e/hook-helpers.ts';

export const FLOODS = [
  {
    id: 'listeners',
    call: 'floodListeners(1e6)',
    what: '1,000,000 listeners (distinct functions, 4 targets)',
  },
  { id: 'same', call: 'floodSame(1e6)', what: '1,000,000 adds of the same listener (duplicates)' },
  { id: 'timeouts', call: 'floodTimeouts(1e5)', what: '100,000 timeouts' },
  { id: 'intervals', call: 'floodIntervals(1e5)', what: '100,000 intervals' },
] as const;
type FloodId = (typeof FLOODS)[number]['id'];
export type FloodResult = Record<'native' | 'dormant' | 'connected', Record<FloodId, number>>;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function openFlood(session: Session): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('lifecycle/flood.html'), { waitUntil: 'load' });
  return page;
}

/** Medians over `runs` (after a warm-up) of each flood, each in a freshly loaded document. */
export async function measureFloods(runs: number): Promise<FloodResult> {
  const plain = await launch({ extension: false });
  const dormantSession = await launch({ devtools: false });
  const connectedSession = await launch({ devtools: false });
  try {
    const panel = await panelStandIn(connectedSession);
    const pages = {
      native: await openFlood(plain),
      dormant: await openFlood(dormantSession),
      connected: await openFlood(connectedSession),
    };
    const samples = {
      native: new Map<FloodId, number[]>(),
      dormant: new Map<FloodId, number[]>(),
      connected: new Map<FloodId, number[]>(),
    };
    for (let i = 0; i <= runs; i++) {
      for (const f of FLOODS) {
        for (const name of ['native', 'dormant', 'connected'] as const) {
          const page = pages[name];
          await page.reload({ waitUntil: 'load' });
          if (name === 'connected') {
            await panel.clear();
            await heartbeat(panel, true);
            await panel.send({ kind: 'request-full', v: 1 });
            await panel.waitFor((r) => forUrl(r, 'flood.html').length > 0);
          }
          const ms = (await page.evaluate(f.call)) as number;
          if (i > 0) {
            const list = samples[name].get(f.id) ?? [];
            list.push(ms);
            samples[name].set(f.id, list);
          }
        }
      }
    }
    await heartbeat(panel, false);
    const out = {} as FloodResult;
    for (const name of ['native', 'dormant', 'connected'] as const) {
      out[name] = {} as Record<FloodId, number>;
      for (const f of FLOODS) out[name][f.id] = median(samples[name].get(f.id)!);
    }
    return out;
  } finally {
    await Promise.all([plain.close(), dormantSession.close(), connectedSession.close()]);
  }
}

/** Markdown rows for the benchmark table. */
export function floodRows(r: FloodResult): string[] {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}×`;
  return FLOODS.map(
    (f) =>
      `| flood: ${f.what}, fresh document | ${ms(r.native[f.id])} | ${ms(r.dormant[f.id])} (${ratio(r.dormant[f.id], r.native[f.id])}) | ${ms(r.connected[f.id])} (${ratio(r.connected[f.id], r.native[f.id])}) | ≤ 1.5× |`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.env.RUNS ?? 5);
  const r = await measureFloods(runs);
  console.log(JSON.stringify(r));
  console.log(floodRows(r).join('\n'));
}
