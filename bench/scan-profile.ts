/** Dev tool: per-BFS-level timings of a scan of the 50k-object benchmark page (classification, internal slots, walk). */
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
const session = await launch({ extension: false });
try {
  const page = await session.browser.newPage();
  await page.setContent(generatePage({ objects: 50_000, closures: 5_000, listeners: 1_000, trees: 20 }), {
    waitUntil: 'load',
  });
  const t = await guardedTransportFor(page);
  for (let i = 0; i < 3; i++) {
    const r = await scan(t);
    const levels = explorers
      .at(-1)!
      .profile.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(v)])));
    console.log(`scan ${r.ms.toFixed(0)} ms, search ${r.search.ms.toFixed(0)} ms`);
    console.table(levels);
  }
} finally {
  await session.close();
}
