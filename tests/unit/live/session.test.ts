import { expect, test } from 'vitest';
import { CdpError, type CdpTransport } from '../../../src/cdp/transport.ts';
import { PageSession } from '../../../src/live/session.ts';

function fake(
  handler: (method: string, params?: Record<string, unknown>) => unknown,
): CdpTransport & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async send<T>(method: string, params?: Record<string, unknown>): Promise<T> {
      log.push(method);
      return (await handler(method, params)) as T;
    },
  };
}

test('errors that mean the page went away become ScanError("navigated"), and the session stops', async () => {
  const t = fake((m) => {
    if (m === 'Runtime.callFunctionOn')
      throw new CdpError(m, -32000, 'Cannot find context with specified id');
    return {};
  });
  const s = new PageSession(t, 'g');
  await expect(s.send('Runtime.callFunctionOn')).rejects.toMatchObject({
    name: 'ScanError',
    reason: 'navigated',
  });
  await expect(s.send('Runtime.evaluate')).rejects.toMatchObject({ reason: 'navigated' });
  expect(t.log).toEqual(['Runtime.callFunctionOn']);
});

test('other CDP errors become ScanError("cdp") naming the method', async () => {
  const s = new PageSession(
    fake(() => {
      throw new CdpError('X', -32601, "'HeapProfiler.enable' wasn't found");
    }),
    'g',
  );
  await expect(s.send('HeapProfiler.enable')).rejects.toThrow(/HeapProfiler.enable failed/);
});

test('an aborted signal stops before the next call', async () => {
  const ac = new AbortController();
  const t = fake(() => ({}));
  const s = new PageSession(t, 'g', ac.signal);
  await s.send('Runtime.evaluate');
  ac.abort();
  await expect(s.send('Runtime.evaluate')).rejects.toMatchObject({ reason: 'aborted' });
  expect(t.log).toHaveLength(1);
});

test('the pool keeps at most N calls in flight and preserves order', async () => {
  let inFlight = 0;
  let peak = 0;
  const s = new PageSession(
    fake(() => ({})),
    'g',
  );
  const out = await s.pool(
    Array.from({ length: 50 }, (_, i) => i),
    async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      inFlight--;
      return i * 2;
    },
    8,
  );
  expect(peak).toBe(8);
  expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
});

test('release() releases every group the scan used, even after failures', async () => {
  const released: unknown[] = [];
  const s = new PageSession(
    fake((m, p) => {
      if (m === 'Runtime.releaseObjectGroup') released.push(p?.objectGroup);
      return {};
    }),
    'scan-1',
  );
  s.subgroup('level1');
  s.subgroup('level2');
  await s.releaseGroup('scan-1:level1');
  await s.release();
  expect(released.sort()).toEqual(['scan-1', 'scan-1:level1', 'scan-1:level2']);
});
