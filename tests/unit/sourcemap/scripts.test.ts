import { expect, test } from 'vitest';
import type { CdpTransport } from '../../../src/cdp/transport.ts';
import { fillCallsiteUrls } from '../../../src/sourcemap/index.ts';
import type { Suspect } from '../../../src/suspects/index.ts';

// Pure logic with a fake session: the scan knows a holder's function by scriptId; the URL comes from the page.
const HOSTILE = 'http://127.0.0.1/x.js?q="><img src=x>\u202Egnp.js';

function fakeSession(scripts: { scriptId: string; url: string }[]): CdpTransport {
  let listener: ((method: string, params: unknown) => void) | null = null;
  return {
    onEvent(l: (method: string, params: unknown) => void) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    async send(method: string) {
      if (method === 'Debugger.enable') for (const s of scripts) listener?.('Debugger.scriptParsed', s);
      return {};
    },
  } as CdpTransport;
}

function suspect(url: string | null, scriptId: string): Suspect {
  return {
    kind: 'timer',
    severity: 'medium',
    title: 't',
    evidence: {},
    chain: null,
    callsite: { kind: 'defined', url, scriptId, line: 2, column: 74, functionName: 'render' },
    fix: 'f',
    count: 1,
    shape: 's',
  };
}

test('a script URL filled in from scriptParsed is page text: bidi override escaped, length bounded', async () => {
  const long = `http://127.0.0.1/${'a'.repeat(100_000)}.js`;
  const suspects = [suspect(null, '7'), suspect(null, '8')];
  await fillCallsiteUrls(
    fakeSession([
      { scriptId: '7', url: HOSTILE },
      { scriptId: '8', url: long },
    ]),
    suspects,
  );
  expect(suspects[0].callsite?.url).toBe('http://127.0.0.1/x.js?q="><img src=x>\\u202Egnp.js');
  expect(suspects[1].callsite?.url?.startsWith('http://127.0.0.1/aaa')).toBe(true);
  expect(suspects[1].callsite?.url?.length).toBeLessThanOrEqual(1000);
});

test('a callsite that already has its URL keeps it', async () => {
  const suspects = [suspect('http://127.0.0.1/app.js', '7')];
  await fillCallsiteUrls(fakeSession([{ scriptId: '7', url: HOSTILE }]), suspects);
  expect(suspects[0].callsite?.url).toBe('http://127.0.0.1/app.js');
});
