import { expect, test } from 'vitest';
import type { Hop } from '../../../src/chain.ts';
import type { DiffResult } from '../../../src/heap/result.ts';
import { auditSuspects } from '../../../src/report/growth-suspects.ts';
import type { AuditIteration, ReportSuspect } from '../../../src/report/index.ts';
import { steadyGrowth } from '../../../src/report/steady.ts';
import { auditReport } from './fixtures.ts';

function it(index: number, over: Partial<AuditIteration> = {}): AuditIteration {
  return {
    index,
    counters: [],
    listenersByType: [],
    timers: 0,
    detachedTrees: 0,
    jsHeapUsed: 0,
    suspects: [],
    collections: [],
    ...over,
  };
}

const audit = (n: number, f: (i: number) => Partial<AuditIteration>) =>
  Array.from({ length: n + 1 }, (_, i) => it(i, f(i)));

const constant: ReportSuspect = {
  kind: 'detached-dom',
  severity: 'medium',
  title: 'Removed <div> (12 nodes) is still referenced from window.cache',
  count: 1,
  nodes: 12,
  bytes: null,
  detail: null,
  chain: [{ holder: 'window', edge: 'cache', edgeKind: 'property', object: '<div>' }],
  callsite: null,
  fix: 'fix',
  shape: 'detached-dom|window cache',
};

test('steady: ≥ 1 every iteration over ≥ 3 iterations, one miss in five forgiven, gains kept', () => {
  expect(steadyGrowth([0, 1, 2, 3, 4, 5])).toEqual({ perIteration: 1, iterations: 5 });
  expect(steadyGrowth([0, 1, 2, 2, 3, 4])).toMatchObject({ perIteration: 1 }); // a GC ran late once
  expect(steadyGrowth([0, 1, 1, 2, 2, 3])).toBeNull(); // two misses in five
  expect(steadyGrowth([0, 1, 2])).toBeNull(); // two iterations say nothing yet
  expect(steadyGrowth([0, 1, 2, 3])).not.toBeNull();
  expect(steadyGrowth([0, 0, 0, 0, 0, 0])).toBeNull();
  expect(steadyGrowth([0, 1, 2, 3, 4, -10])).toBeNull(); // gave it back
  expect(steadyGrowth([0, 20_000, 40_000, 61_000], 16_384)).toMatchObject({ perIteration: 20_000 });
  expect(steadyGrowth([0, 200, 400, 600], 16_384)).toBeNull();
});

test('+1 listener per iteration is a low suspect ranked above a constant medium one', () => {
  const its = audit(5, (i) => ({ listenersByType: [{ name: 'resize', value: i }] }));
  const out = auditSuspects({ iterations: its, suspects: [constant] });
  expect(out.map((s) => [s.kind, s.severity])).toEqual([
    ['listener-growth', 'low'],
    ['detached-dom', 'medium'],
  ]);
  expect(out[0].title).toBe("1 more 'resize' listener every iteration, never removed");
  expect(out[0].detail).toContain('0 → 1 → 2 → 3 → 4 → 5 over 5 iterations');
});

test('nothing that grows: the constant suspects alone, unchanged', () => {
  const its = audit(5, () => ({ listenersByType: [{ name: 'resize', value: 2 }], detachedTrees: 1 }));
  expect(auditSuspects({ iterations: its, suspects: [constant] })).toEqual([constant]);
});

test('a collection deep in the data grows: named by its path, with its chain', () => {
  const chain = [
    { holder: 'window', edge: "'hashchange' listener", edgeKind: 'listener', object: 'onRoute()' },
    { holder: 'onRoute()', edge: 'routes', edgeKind: 'closure-variable', object: 'Array' },
    { holder: 'Array', edge: '1', edgeKind: 'element', object: 'Object' },
    { holder: 'Object', edge: 'hooks', edgeKind: 'property', object: 'Object' },
    { holder: 'Object', edge: 'after', edgeKind: 'property', object: 'Array' },
    { holder: 'Array', edge: '0', edgeKind: 'element', object: 'remember()' },
    { holder: 'remember()', edge: 'seen', edgeKind: 'closure-variable', object: 'Map' },
  ] satisfies Hop[];
  const path =
    "window 'hashchange' listener → onRoute() → (closure) routes[1].hooks.after[0] → remember() → (closure) seen";
  const its = audit(5, (i) => ({
    collections: [
      { path, kind: 'Map', size: i, chain },
      { path: 'script config', kind: 'Object', size: 4, chain: [] },
    ],
  }));
  const out = auditSuspects({ iterations: its, suspects: [] });
  expect(out).toHaveLength(1);
  expect(out[0]).toMatchObject({ kind: 'collection-growth', severity: 'low', chain });
  expect(out[0].title).toBe(`\`${path}\` (Map) grows by 1 entry every iteration`);
});

test("Chrome's listener counter beyond the listed types names the listeners the scan cannot see", () => {
  const its = audit(5, (i) => ({
    listenersByType: [
      { name: 'resize', value: i },
      { name: 'click', value: 1 + i },
      { name: 'scroll', value: i },
    ],
    counters: [
      { name: 'JSEventListeners', value: 10 + 4 * i },
      { name: 'LayoutCount', value: 100 * i },
    ],
  }));
  const out = auditSuspects({ iterations: its, suspects: [] });
  expect(out.map((s) => s.kind)).toEqual([
    'listener-growth',
    'listener-growth',
    'listener-growth',
    'listener-growth',
  ]);
  expect(out[3].title).toMatch(/^1 more listener every iteration on targets the scan does not list/);
});

test('1 MB kept per iteration: the heap snapshots (backing stores included) make a high memory suspect', () => {
  const MB = 1 << 20;
  const diff: DiffResult = {
    snapshots: 3,
    newInTarget: 10,
    survivingInFinal: 5,
    suspects: 1,
    totalSizes: [900_000, 900_000 + MB + 3_000, 900_000 + 5 * MB + 9_000],
    groups: [
      {
        className: 'Uint8Array',
        count: 1,
        selfSize: 60,
        retainedSize: MB + 120,
        shape: 's',
        sampleIds: [1],
        sampleChain: [],
      },
    ],
  };
  const its = audit(5, (i) => ({ counters: [{ name: 'ArrayBufferContents', value: 3 + i }] }));
  const out = auditSuspects({ iterations: its, suspects: [], diff });
  expect(out.map((s) => [s.kind, s.severity])).toEqual([['memory-growth', 'high']]);
  expect(out[0].title).toBe('1.0 MiB more memory retained every iteration');
  expect(out[0].bytes).toBeGreaterThan(MB);
  expect(out[0].detail).toContain('Uint8Array ×1');
  // Noise in the JS heap of a clean page is not a step.
  const flat = { ...diff, totalSizes: [900_000, 901_000, 902_500] };
  expect(auditSuspects({ iterations: audit(5, () => ({})), suspects: [], diff: flat })).toEqual([]);
});

test('heap totals that grow steadily while nothing new is kept (engine caches, compiled code) are not a suspect', () => {
  // Seen on the router listeners fixture: +18 KiB per iteration in the totals, 78 B kept since iteration 1.
  const diff: DiffResult = {
    snapshots: 3,
    newInTarget: 40,
    survivingInFinal: 1,
    suspects: 1,
    totalSizes: [1_590_341, 1_607_277, 1_684_309],
    groups: [
      {
        className: '(string)',
        count: 1,
        selfSize: 78,
        retainedSize: 78,
        shape: 's',
        sampleIds: [1],
        sampleChain: [],
      },
    ],
  };
  expect(auditSuspects({ iterations: audit(5, () => ({})), suspects: [], diff })).toEqual([]);
  // The same totals with a quarter of the step kept since iteration 1 are a suspect.
  const kept = { ...diff, groups: [{ ...diff.groups[0], retainedSize: 5_000 }] };
  const out = auditSuspects({ iterations: audit(5, () => ({})), suspects: [], diff: kept });
  expect(out.map((s) => s.kind)).toEqual(['memory-growth']);
});

test("the leaky dialog's growing listener suspect keeps its chain, ranks first, and is not repeated as raw rows", () => {
  const r = auditReport(5);
  expect(r.suspects[0]).toMatchObject({ kind: 'listener', count: 5 });
  expect(r.suspects[0].detail).toContain('grows every iteration: ×0 → 1 → 2 → 3 → 4 → 5');
  // Its 'resize' listeners and detached trees are that suspect: no raw rows for them. (The hand-made scans list no
  // listener for the close button, which Chrome's counter has: that one stays, as listeners the scan did not list.)
  expect(r.suspects.filter((s) => s.kind === 'detached-growth' || s.title.includes("'resize'"))).toEqual([
    r.suspects[0],
  ]);
});
