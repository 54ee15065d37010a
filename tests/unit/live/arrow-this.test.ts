import { expect, test } from 'vitest';
import {
  type ArrowCandidate,
  captureArrowThis,
  looksLikeArrowUsingThis,
} from '../../../src/live/arrow-this.ts';
import type { PageSession } from '../../../src/live/session.ts';
import { ScanError } from '../../../src/live/types.ts';

test('only arrow functions that mention `this` are candidates', () => {
  expect(looksLikeArrowUsingThis('() => this.tick()')).toBe(true);
  expect(looksLikeArrowUsingThis('async (t) => { await this.poll(t); }')).toBe(true);
  expect(looksLikeArrowUsingThis('x => this.step(x)')).toBe(true);
  expect(looksLikeArrowUsingThis('() => tick()')).toBe(false);
  expect(looksLikeArrowUsingThis('function () { return this.x; }')).toBe(false);
  expect(looksLikeArrowUsingThis('tick() { this.n++; }')).toBe(false);
});

/** A PageSession stand-in that records what was sent and answers like V8 (one breakpoint per function location). */
function fakeSession(refuse: (params: Record<string, unknown>) => string | null) {
  const sent: string[] = [];
  const session = {
    async send(method: string, params: Record<string, unknown> = {}) {
      sent.push(method);
      if (method === 'Debugger.setBreakpointOnFunctionCall') {
        const why = refuse(params);
        if (why) throw new ScanError('cdp', `${method} failed: ${why}`);
        return { breakpointId: `bp-${params.objectId}` };
      }
      return {};
    },
    async call(_objectId: string, fn: string) {
      sent.push(fn.includes('delete this[name]') ? 'cleanup' : 'call');
      return fn.includes('want.length') ? { type: 'number', value: 0 } : { type: 'undefined' };
    },
  };
  return { session: session as unknown as PageSession, sent };
}

const candidate = (id: number, location: string | null): ArrowCandidate => ({
  id,
  objectId: `cb-${id}`,
  delay: 10,
  timerId: id,
  location,
});

test('closures of one arrow function share one breakpoint (V8 refuses a second at the same location)', async () => {
  const { session, sent } = fakeSession(() => null);
  const out = await captureArrowThis(
    session,
    'state',
    'window',
    [candidate(1, '7:17:34'), candidate(2, '7:17:34'), candidate(3, '7:40:2'), candidate(4, null)],
    20,
    null,
  );
  expect(sent.filter((m) => m === 'Debugger.setBreakpointOnFunctionCall')).toHaveLength(3);
  expect(out.notes).toEqual([]);
});

test('a breakpoint V8 refuses is a note: the other candidates are still armed and everything is cleaned up', async () => {
  const { session, sent } = fakeSession((p) =>
    p.objectId === 'cb-1' ? 'Breakpoint at specified location already exists' : null,
  );
  const out = await captureArrowThis(
    session,
    'state',
    'window',
    [candidate(1, '7:17:34'), candidate(2, '7:40:2')],
    20,
    null,
  );
  expect(out.notes).toEqual([expect.stringContaining('already exists')]);
  expect(sent.filter((m) => m === 'Debugger.setBreakpointOnFunctionCall')).toHaveLength(2);
  expect(sent).toContain('Debugger.removeBreakpoint');
  expect(sent).toContain('cleanup');
  expect(sent.at(-1)).toBe('Debugger.disable');
});
