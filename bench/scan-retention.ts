/**
 * Dev tool: what a Scan leaves in the page's JS heap. Through a trusted puppeteer session (forced GC, heap usage,
 * heap snapshots) it measures the page's heap after GC before any scan and after 1..N scans run through the
 * extension-legal transport, optionally with the panel's Debugger.enable/disable after each scan, and diffs two
 * heap snapshots (baseline vs after the scans) by node type and name.
 * Run: npx tsx bench/scan-retention.ts [--debugger] [--scans=5] [--page=retention|bench]
 */
import type { CDPSession } from 'puppeteer-core';
import { scan } from '../src/live/index.ts';
import { launch, openPage } from '../tests/e2e/harness.ts';
import { guardedTransportFor } from '../tests/e2e/live-transport.ts';
import { generatePage } from './scan-page.ts';

const arg = (name: string, dflt: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const SCANS = Number(arg('scans', '5'));
const WITH_DEBUGGER = process.argv.includes('--debugger');
const PAGE = arg('page', 'retention');
/** Instead of scanning, only create the isolated world the scan uses for pristine global names (and read them). */
const WORLD_ONLY = process.argv.includes('--world-only');

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

interface Agg {
  [key: string]: { count: number; size: number };
}

/** A heap snapshot aggregated by "type name" (names of code/strings cut to 40 chars). */
async function snapshot(cdp: CDPSession): Promise<{ byType: Agg; byName: Agg }> {
  let text = '';
  const onChunk = (e: { chunk: string }) => {
    text += e.chunk;
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const s = JSON.parse(text);
  const nf: string[] = s.snapshot.meta.node_fields;
  const types: string[] = s.snapshot.meta.node_types[0];
  const [ti, ni, si] = [nf.indexOf('type'), nf.indexOf('name'), nf.indexOf('self_size')];
  const byType: Agg = {};
  const byName: Agg = {};
  for (let i = 0; i < s.nodes.length; i += nf.length) {
    const t = types[s.nodes[i + ti]];
    const name = `${t} ${String(s.strings[s.nodes[i + ni]])
      .slice(0, 40)
      .replace(/\s+/g, ' ')}`;
    const size = s.nodes[i + si];
    byType[t] ??= { count: 0, size: 0 };
    byType[t].count++;
    byType[t].size += size;
    byName[name] ??= { count: 0, size: 0 };
    byName[name].count++;
    byName[name].size += size;
  }
  return { byType, byName };
}

function diff(a: Agg, b: Agg, top: number): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const rows = [...keys].map((k) => ({
    k,
    dn: (b[k]?.count ?? 0) - (a[k]?.count ?? 0),
    ds: (b[k]?.size ?? 0) - (a[k]?.size ?? 0),
  }));
  rows.sort((x, y) => Math.abs(y.ds) - Math.abs(x.ds));
  return rows
    .slice(0, top)
    .map((r) => `${(r.ds / 1024).toFixed(0).padStart(7)} KiB ${String(r.dn).padStart(7)}  ${r.k}`);
}

const session = await launch({ extension: false });
try {
  const page =
    PAGE === 'bench'
      ? await session.browser.newPage().then(async (p) => {
          await p.setContent(generatePage({ objects: 12_500, closures: 1_250, listeners: 250, trees: 20 }));
          return p;
        })
      : await openPage(session, 'lifecycle/retention.html');
  const cdp = await page.createCDPSession();
  const t = await guardedTransportFor(page);
  const base = await heapAfterGc(cdp);
  const snapBase = await snapshot(cdp);
  const heaps: number[] = [];
  for (let i = 0; i < SCANS; i++) {
    if (WORLD_ONLY) {
      const { frameTree } = (await t.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const { executionContextId } = (await t.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'leakscope-pristine',
        grantUniveralAccess: false,
      })) as { executionContextId: number };
      await t.send('Runtime.evaluate', {
        expression: `Reflect.ownKeys(globalThis).filter((k) => typeof k === 'string')`,
        contextId: executionContextId,
        returnByValue: true,
      });
    } else await scan(t);
    if (WITH_DEBUGGER) {
      await t.send('Debugger.enable');
      await t.send('Debugger.disable');
    }
    heaps.push(await heapAfterGc(cdp));
  }
  const snapAfter = await snapshot(cdp);
  console.log(
    `page ${PAGE}, ${WORLD_ONLY ? 'isolated world only (no scan)' : 'scan'}, Debugger.enable/disable after each: ${WITH_DEBUGGER}`,
  );
  console.log(`heap after GC: before ${(base / 1024).toFixed(0)} KiB`);
  for (const [i, h] of heaps.entries())
    console.log(
      `  after scan ${i + 1}: ${(h / 1024).toFixed(0)} KiB (+${((h - base) / 1024).toFixed(0)} KiB)`,
    );
  console.log('\nSnapshot diff by node type (after - before):');
  console.log(diff(snapBase.byType, snapAfter.byType, 12).join('\n'));
  console.log('\nSnapshot diff by type + name, largest 30:');
  console.log(diff(snapBase.byName, snapAfter.byName, 30).join('\n'));
} finally {
  await session.close();
}
