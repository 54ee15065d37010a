/**
 * Dev tool: scan one fixture page and print the ScanResult and the suspects.
 *   npx tsx bench/scan-probe.ts dialog-listener.html          (no extension)
 *   EXT=1 npx tsx bench/scan-probe.ts ticker-interval.html    (with the built extension's hook, from dist/)
 *   HOOK=1 npx tsx bench/scan-probe.ts ticker-interval.html   (with the hook stand-in)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_ROOT } from '../scripts/serve.ts';
import { scan } from '../src/live/index.ts';
import { chainText, findSuspects } from '../src/suspects/index.ts';
import { launch } from '../tests/e2e/harness.ts';
import { guardedTransportFor } from '../tests/e2e/live-transport.ts';

const s = await launch({ extension: !!process.env.EXT, devtools: false });
try {
  const page = await s.browser.newPage();
  if (process.env.HOOK)
    await page.evaluateOnNewDocument(readFileSync(join(FIXTURE_ROOT, 'leaks', 'emulated-hook.js'), 'utf8'));
  await page.goto(s.server.url(`leaks/${process.argv[2] ?? 'dialog-listener.html'}`), { waitUntil: 'load' });
  const t = await guardedTransportFor(page);
  const r = await scan(t, { onProgress: (p) => process.stderr.write(`${p.phase} ${p.done}/${p.total}\n`) });
  console.log(JSON.stringify({ ...r, metrics: undefined }, null, 1));
  for (const x of findSuspects(r)) {
    console.log(
      `[${x.severity}] ${x.kind} ×${x.count}: ${x.title}\n    ${x.chain ? chainText(x.chain) : '(no chain)'}`,
    );
  }
  if (t.refused.length) console.log('refused', t.refused);
} finally {
  await s.close();
}
