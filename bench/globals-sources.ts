/**
 * What the globals' source analysis costs inside a scan, on fixture pages that load real libraries, all in one run:
 * the first `scan()` of a page (its scripts not yet analysed), the median of the scans after it (analyses cached by
 * V8's script hash), the source analysis alone once cached, and parsing every script of the page from scratch.
 * Pages that share libraries share cache entries: each page is scanned in a fresh process.
 * `npx tsx bench/globals-sources.ts <fixture path>`
 */
import { loadavg } from 'node:os';
import type { DomNodeLike } from '../src/live/detached.ts';
import { scan } from '../src/live/index.ts';
import { pageScripts } from '../src/live/page-scripts.ts';
import { PageSession } from '../src/live/session.ts';
import { accidentalGlobals } from '../src/live/sources.ts';
import { undeclaredWrites } from '../src/live/undeclared-writes.ts';
import { launch, openPage } from '../tests/e2e/harness.ts';
import { guardedTransportFor } from '../tests/e2e/live-transport.ts';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0: number) => performance.now() - t0;

const path = process.argv[2] ?? 'globals/sloppy-with-libraries.html';
const session = await launch({ extension: false });
try {
  const page = await openPage(session, path);
  const t = await guardedTransportFor(page);
  const scans: number[] = [];
  const analysis: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const result = await scan(t);
    scans.push(ms(t0));
    const assigned = result.globals.filter((g) => g.declaration === 'assigned').map((g) => g.name);
    const s = new PageSession(t, `bench-${i}`);
    const { root } = await s.send<{ root: DomNodeLike }>('DOM.getDocument', { depth: -1, pierce: true });
    t0 = performance.now();
    await accidentalGlobals(s, assigned, root);
    analysis.push(ms(t0));
    await s.release();
  }
  const s = new PageSession(t, 'bench-all');
  const { root } = await s.send<{ root: DomNodeLike }>('DOM.getDocument', { depth: -1, pierce: true });
  const { scripts } = await pageScripts(s, root);
  const t0 = performance.now();
  for (const sc of scripts) undeclaredWrites(sc.source ?? '', { module: sc.module });
  const parseAll = ms(t0);
  const chars = scripts.reduce((a, sc) => a + (sc.source ?? '').length, 0);
  const later = scans.slice(1);
  console.log(
    `| ${path} | ${scripts.length} (${chars.toLocaleString('en-US')}) | ${scans[0].toFixed(0)} ms | ${median(later).toFixed(0)} ms | ${median(analysis).toFixed(0)} ms | ${parseAll.toFixed(0)} ms (${((100 * parseAll) / scans[0]).toFixed(0)} % of the first scan) |`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}, ${new Date().toISOString()}`,
  );
  await page.close();
} finally {
  await session.close();
}
