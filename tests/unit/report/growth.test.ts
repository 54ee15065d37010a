import { expect, test } from 'vitest';
import { type AuditIteration, analyzeGrowth, growthOf } from '../../../src/report/index.ts';

function it(index: number, over: Partial<AuditIteration>): AuditIteration {
  return {
    index,
    counters: [],
    listenersByType: [],
    timers: 0,
    detachedTrees: 0,
    jsHeapUsed: 0,
    suspects: [],
    ...over,
  };
}

test('a steady +1 per iteration is steady; noise, a single jump and decline are not', () => {
  expect(growthOf('counter', 'a', 'a', [0, 1, 2, 3, 4, 5]).steady).toBe(true);
  expect(growthOf('counter', 'a', 'a', [10, 12, 14, 16]).perIteration).toBe(2);
  expect(growthOf('counter', 'a', 'a', [0, 3, 1, 6, 2, 8]).steady).toBe(false);
  expect(growthOf('counter', 'a', 'a', [0, 0, 0, 0, 9, 9]).steady).toBe(false);
  expect(growthOf('counter', 'a', 'a', [0, 1, 2, 2, 3, 4]).steady).toBe(false); // one iteration without growth
  expect(growthOf('counter', 'a', 'a', [0, 1, 5, 6, 7, 8]).steady).toBe(false); // one step far off the median
  expect(growthOf('counter', 'a', 'a', [5]).steady).toBe(false);
  expect(growthOf('counter', 'a', 'a', [5, 6]).steady).toBe(false); // a single step
  expect(growthOf('counter', 'a', 'a', [5, 6, 7]).steady).toBe(true);
});

test('steady growth ranks first even when a noisy measure grew more; the more severe steady suspect first', () => {
  const noisy = [0, 40, 10, 90, 30, 120];
  const iterations = [0, 1, 2, 3, 4, 5].map((i) =>
    it(i, {
      counters: [
        { name: 'Nodes', value: noisy[i] },
        { name: 'Flat', value: 7 },
      ],
      listenersByType: [{ name: 'resize', value: i }],
      suspects:
        i > 0
          ? [
              {
                shape: 'a-low|click',
                title: "'click' listener on a removed node",
                severity: 'low',
                count: i,
              },
              {
                shape: 'listener|resize',
                title: 'Removed dialog kept by resize listener',
                severity: 'medium',
                count: i,
              },
            ]
          : [],
      detachedTrees: i,
      jsHeapUsed: 1e6 + noisy[i] * 1000,
    }),
  );
  const rows = analyzeGrowth(iterations);
  expect(rows.map((r) => [r.key, r.steady])).toEqual([
    ['suspect:listener|resize', true],
    ['suspect:a-low|click', true],
    ['detachedTrees', true],
    ['listeners:resize', true],
    ['counter:Nodes', false],
    ['jsHeapUsed', false],
  ]);
  expect(rows[0].values).toEqual([0, 1, 2, 3, 4, 5]);
  expect(rows.some((r) => r.key === 'counter:Flat')).toBe(false);
});

test('fewer than two iterations give no growth', () => {
  expect(analyzeGrowth([it(0, { detachedTrees: 3 })])).toEqual([]);
});

test('counters that only ever rise (layouts, durations, time) are not growth', () => {
  const iterations = [0, 1, 2, 3].map((i) =>
    it(i, {
      counters: [
        { name: 'LayoutCount', value: i * 2 },
        { name: 'ScriptDuration', value: i * 0.01 + 1 },
        { name: 'Timestamp', value: 1000 + i },
        { name: 'Nodes', value: 10 + i * 47 },
      ],
    }),
  );
  expect(analyzeGrowth(iterations).map((r) => r.key)).toEqual(['counter:Nodes']);
});
