/**
 * Observer and expando roots benchmark (`npx vite build --logLevel warn && npx tsx bench/observers.ts`):
 * - per-operation cost of the wrapped observer APIs, the same Chromium with and without the extension (hook
 *   dormant), runs interleaved;
 * - the scan's expando pass (`expandoRoots`: querySelectorAll('*') + own keys of every element) on 50,000 elements,
 *   with no expandos, one on every 20th element, and one on every element (capped at EXPANDO_ROOT_LIMIT), next to
 *   the whole scan of the same page.
 * Prints a Markdown table.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'puppeteer-core';
import { CREATE_STATE } from '../src/live/page-functions.ts';
import { expandoRoots } from '../src/live/roots/expandos.ts';
import { scan } from '../src/live/scan.ts';
import { PageSession } from '../src/live/session.ts';
import { launch, type Session } from '../tests/e2e/harness.ts';
import { guardedTransportFor } from '../tests/e2e/live-transport.ts';

const RUNS = Number(process.env.RUNS ?? 9);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function open(session: Session): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('observers/bench.html'), { waitUntil: 'load' });
  return page;
}

async function hookCosts() {
  const plain = await launch({ extension: false });
  const hooked = await launch({ devtools: false });
  const pages = { native: await open(plain), dormant: await open(hooked) };
  const s: Record<string, Record<string, number[]>> = {
    native: { create: [], observe: [] },
    dormant: { create: [], observe: [] },
  };
  for (let i = 0; i <= RUNS; i++) {
    for (const name of ['native', 'dormant'] as const) {
      const create = (await pages[name].evaluate('benchCreate(20000)')) as number;
      const observe = (await pages[name].evaluate('benchObserve(10)')) as number;
      if (i === 0) continue; // warm-up
      s[name].create.push(create);
      s[name].observe.push(observe);
    }
  }
  await Promise.all([plain.close(), hooked.close()]);
  return s;
}

async function expandoCosts() {
  const session = await launch({ extension: false });
  const rows: string[] = [];
  for (const [label, every] of [
    ['no expandos', 0],
    ['every 20th element', 20],
    ['every element', 1],
  ] as const) {
    const pass: number[] = [];
    const whole: number[] = [];
    let roots = 0;
    let truncated = false;
    for (let i = 0; i <= RUNS; i++) {
      const page = await open(session);
      await page.evaluate(`buildDom(50000, ${every})`);
      const t = await guardedTransportFor(page);
      const s = new PageSession(t, 'bench-expandos');
      const stateId = (await s.evaluate(CREATE_STATE)).objectId!;
      const windowId = (await s.evaluate('window')).objectId!;
      const documentId = (await s.evaluate('document')).objectId!;
      const t0 = performance.now();
      const r = await expandoRoots(s, stateId, windowId, documentId);
      const ms = performance.now() - t0;
      await s.release();
      const t1 = performance.now();
      await scan(t);
      const scanMs = performance.now() - t1;
      if (i > 0) {
        pass.push(ms);
        whole.push(scanMs);
      }
      roots = 'skipped' in r ? -1 : r.roots.length;
      truncated = 'skipped' in r ? false : r.rootLimitHit;
      await page.close();
    }
    rows.push(
      `| 50,000 elements, ${label} | ${roots}${truncated ? ' (capped)' : ''} | ${median(pass).toFixed(0)} ms (fastest ${Math.min(...pass).toFixed(0)}) | ${median(whole).toFixed(0)} ms (fastest ${Math.min(...whole).toFixed(0)}) |`,
    );
  }
  await session.close();
  return rows;
}

const load0 = loadavg();
const hook = await hookCosts();
const expandos = await expandoCosts();
const load1 = loadavg();
const ns = (xs: number[]) => `${median(xs).toFixed(0)} ns (fastest ${Math.min(...xs).toFixed(0)})`;
const ratio = (a: number[], b: number[]) => `${(median(a) / median(b)).toFixed(2)}×`;
console.log(
  [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), headless, medians of ${RUNS} interleaved runs after a warm-up. Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} before, ${load1.map((x) => x.toFixed(1)).join(' / ')} after.`,
    '',
    '| Per operation | Native | Hook dormant | Ratio |',
    '| --- | --- | --- | --- |',
    `| \`new MutationObserver(cb)\` + observe + disconnect | ${ns(hook.native.create)} | ${ns(hook.dormant.create)} | ${ratio(hook.dormant.create, hook.native.create)} |`,
    `| IntersectionObserver observe + unobserve, per element (2,000 elements) | ${ns(hook.native.observe)} | ${ns(hook.dormant.observe)} | ${ratio(hook.dormant.observe, hook.native.observe)} |`,
    '',
    '| Scan of a page with | Expando roots | Expando pass | Whole scan |',
    '| --- | --- | --- | --- |',
    ...expandos,
  ].join('\n'),
);
