import { expect, test } from 'vitest';
import { LIMITS } from '../../src/protocol/messages.ts';
import { launch, type Session } from './harness.ts';
import { forUrl, heartbeat, panelStandIn } from './hook-helpers.ts';

/**
 * A page with accessors on Array.prototype[0..15] (tests/fixtures/pages/semantics/index-accessors.html): the hook
 * writes indices of its own arrays (records to send, signal lists, light tallies, interned types, argument
 * copies), and those arrays have a null prototype, so the page's accessors run exactly as often with the extension
 * — dormant, then connected with batches flowing, past the detail cap — as without it.
 */

async function hits(session: Session, connect: boolean): Promise<number[]> {
  const page = await session.browser.newPage();
  await page.goto(session.server.url('semantics/index-accessors.html'), { waitUntil: 'load' });
  const out: number[] = [(await page.evaluate('indexHits')) as number];
  await page.evaluate(`work(${LIMITS.maxListenerRecords + 500})`);
  out.push((await page.evaluate('indexHits')) as number);
  if (connect) {
    const panel = await panelStandIn(session);
    await heartbeat(panel, true);
    await panel.waitFor((r) => forUrl(r, 'index-accessors.html').length > 0);
    await page.evaluate('work(10)');
    await panel.send({ kind: 'request-full', v: 1 });
    await new Promise((r) => setTimeout(r, LIMITS.flushIntervalMs * 3));
    await heartbeat(panel, false);
  } else {
    await page.evaluate('work(10)');
  }
  out.push((await page.evaluate('indexHits')) as number);
  return out;
}

test('the page’s Array.prototype index accessors run as often with the hook as without it', async () => {
  const plain = await launch({ extension: false, devtools: false });
  let native: number[];
  try {
    native = await hits(plain, false);
  } finally {
    await plain.close();
  }
  const ext = await launch({ devtools: false });
  try {
    const hooked = await hits(ext, true);
    expect(hooked).toEqual(native);
  } finally {
    await ext.close();
  }
}, 60_000);
