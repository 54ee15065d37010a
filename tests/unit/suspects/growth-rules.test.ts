import { describe, expect, test } from 'vitest';
import type { ClosureChain, CollectionSize, GrowthSample } from '../../../src/live/types.ts';
import { compareScans, findSuspects } from '../../../src/suspects/index.ts';
import { ClosureGrowthRule, CollectionGrowthRule } from '../../../src/suspects/rules/index.ts';
import type { Claims } from '../../../src/suspects/types.ts';
import { emptyScan } from './scan-fixture.ts';

const claims = (): Claims => ({ detachedTrees: new Set(), globals: new Set() });

function collection(path: string, size: number, over: Partial<CollectionSize> = {}): CollectionSize {
  return {
    path,
    kind: 'Map',
    size,
    pixelObjects: 0,
    pixelBytes: 0,
    chain: [{ holder: 'script', edge: `const ${path}`, edgeKind: 'lexical', object: `Map(${size})` }],
    ...over,
  };
}

function chain(length: number, root = 'window.theThing'): ClosureChain {
  return { root, variable: 'originalThing', holder: 'someMethod()', length, chain: [] };
}

const sample = (over: Partial<GrowthSample>, doc = 'doc-1') =>
  emptyScan({ growth: { documentId: doc, collections: [], closureChains: [], ...over } });

describe('collection growth', () => {
  test('nothing without history, nothing when sizes stay', () => {
    const now = sample({ collections: [collection('cache', 5)] });
    expect(new CollectionGrowthRule().apply(now, claims())).toEqual([]);
    expect(
      new CollectionGrowthRule().apply(now, claims(), [sample({ collections: [collection('cache', 5)] })]),
    ).toEqual([]);
    expect(
      new CollectionGrowthRule().apply(now, claims(), [sample({ collections: [collection('cache', 9)] })]),
    ).toEqual([]);
  });

  test('grew once: low, naming the path and both sizes', () => {
    const [s] = compareScans(
      sample({ collections: [collection('cache', 3)] }),
      sample({ collections: [collection('cache', 4)] }),
    );
    expect(s.kind).toBe('collection-growth');
    expect(s.severity).toBe('low');
    expect(s.title).toBe('`cache` (Map) grew from 3 to 4 entries');
    expect(s.chain?.[0].edge).toBe('const cache');
  });

  test('steady over three scans: medium, with the sizes by scan', () => {
    const scans = [3, 4, 5].map((n) => sample({ collections: [collection('cache', n)] }));
    const [s] = findSuspects(scans[2], undefined, scans.slice(0, 2));
    expect(s.severity).toBe('medium');
    expect(s.title).toContain('over 3 scans (every time, +1 per scan)');
    expect(s.evidence.detail).toBe('sizes by scan: 3 → 4 → 5');
  });

  test('grew, then stayed, then grew: reported but not steady', () => {
    const scans = [3, 3, 4].map((n) => sample({ collections: [collection('cache', n)] }));
    const [s] = new CollectionGrowthRule().apply(scans[2], claims(), scans.slice(0, 2));
    expect(s.severity).toBe('low');
    expect(s.title).toContain('not every time');
  });

  test('an array of ImageData growing steadily is one notch higher and says how many pixels it holds', () => {
    const frames = (n: number) =>
      collection('window.undoFrames', n, { kind: 'Array', pixelObjects: n, pixelBytes: n * 307_200 * 4 });
    const scans = [1, 2, 3].map((n) => sample({ collections: [frames(n)] }));
    const [s] = findSuspects(scans[2], undefined, scans.slice(0, 2));
    expect(s.severity).toBe('high');
    expect(s.title).toContain('holding 3 pixel buffers (3.5 MiB)');
    expect(s.fix).toMatch(/ImageData/);
  });

  test('another document (a reload) is not compared', () => {
    const before = sample({ collections: [collection('cache', 1)] }, 'doc-0');
    expect(compareScans(before, sample({ collections: [collection('cache', 9)] }))).toEqual([]);
  });
});

describe('closure growth', () => {
  test('a replaceThing chain that got longer names the variable and the function', () => {
    const [s] = compareScans(sample({ closureChains: [chain(4)] }), sample({ closureChains: [chain(7)] }));
    expect(s.kind).toBe('closure-growth');
    expect(s.severity).toBe('medium');
    expect(s.title).toBe(
      "Closure chain from window.theThing through someMethod()'s variable `originalThing` grew from 4 to 7 links: each new someMethod() keeps the previous value alive",
    );
    expect(s.fix).toContain('originalThing = null');
  });

  test('steady over three scans is high; a chain first seen counts from one link', () => {
    const scans = [sample({}), sample({ closureChains: [chain(2)] }), sample({ closureChains: [chain(3)] })];
    const [s] = new ClosureGrowthRule().apply(scans[2], claims(), scans.slice(0, 2));
    expect(s.severity).toBe('high');
    expect(s.evidence.detail).toBe('links by scan: 1 → 2 → 3');
  });

  test('same length, or another document: nothing', () => {
    expect(
      compareScans(sample({ closureChains: [chain(4)] }), sample({ closureChains: [chain(4)] })),
    ).toEqual([]);
    expect(
      compareScans(sample({ closureChains: [chain(2)] }, 'doc-0'), sample({ closureChains: [chain(5)] })),
    ).toEqual([]);
  });
});
