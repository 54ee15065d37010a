import { expect, test } from 'vitest';
import { groupListeners } from '../../../src/registry/group-listeners.ts';
import type { LiveListener } from '../../../src/registry/page-registry.ts';

const cs = (line: number) => ({
  kind: 'registered' as const,
  url: 'http://127.0.0.1:8000/app.js',
  scriptId: null,
  line,
  column: 3,
  functionName: 'f',
});

function live(id: number, over: Partial<LiveListener>): LiveListener {
  return {
    id,
    target: 'window',
    targetKind: 'window',
    type: 'resize',
    capture: false,
    once: false,
    passive: false,
    signal: false,
    handler: 'onResize',
    callsite: cs(10),
    addedAt: id,
    addedAtEpoch: 1_700_000_000_000 + id,
    frameId: 0,
    frameUrl: 'http://127.0.0.1:8000/',
    targetDetached: false,
    ...over,
  };
}

test('listeners group by frame × target × type × callsite, counting options and removed targets', () => {
  const groups = groupListeners([
    live(1, {}),
    live(2, { capture: true }),
    live(3, { targetDetached: true }),
    live(4, { callsite: cs(20) }),
    live(5, { type: 'scroll' }),
    live(6, { frameId: 3 }),
  ]);
  expect(groups).toHaveLength(4);
  const main = groups.find((g) => g.type === 'resize' && g.callsite?.line === 10 && g.frames[0] === 0)!;
  expect(main).toMatchObject({ count: 3, capture: 1, detachedCount: 1, firstAddedAt: 1_700_000_000_001 });
  expect(main.listeners.map((l) => l.id)).toEqual([1, 2, 3]);
});
