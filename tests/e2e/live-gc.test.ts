/** forceGc really collects, from an extension's point of view (guarded transport). */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { forceGc } from '../../src/live/index.ts';
import { launch, openPage, type Session } from './harness.ts';
import { guardedTransportFor } from './live-transport.ts';

let session: Session;
beforeAll(async () => {
  session = await launch({ extension: false });
});
afterAll(async () => {
  await session?.close();
});

test('forceGc clears a page-side WeakRef whose target is otherwise unreachable', async () => {
  const page = await openPage(session, 'leaks/clean-app.html');
  const t = await guardedTransportFor(page);
  // Separate tasks: a WeakRef target is kept alive until the end of the job that created it.
  await page.evaluate('window.__ref = new WeakRef({ payload: new Array(10000).fill(1) })');
  await page.evaluate('new Promise((r) => setTimeout(r, 0))');
  expect(await page.evaluate('window.__ref.deref() !== undefined')).toBe(true);
  const { ms } = await forceGc(t);
  expect(ms).toBeGreaterThan(0);
  expect(await page.evaluate('window.__ref.deref() === undefined')).toBe(true);
  expect(t.refused).toEqual([]);
});

test('the guard refuses what an extension cannot call', async () => {
  const page = await openPage(session, 'leaks/clean-app.html');
  const t = await guardedTransportFor(page);
  await expect(t.send('HeapProfiler.collectGarbage')).rejects.toThrow(/wasn't found/);
  await expect(t.send('Memory.getDOMCounters')).rejects.toThrow(/wasn't found/);
  expect(t.refused).toEqual(['HeapProfiler.collectGarbage', 'Memory.getDOMCounters']);
});
