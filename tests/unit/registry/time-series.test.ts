import { expect, test } from 'vitest';
import { TimeSeries } from '../../../src/registry/time-series.ts';

test('the series is bounded and reports change over the window it really covers', () => {
  const s = new TimeSeries(3);
  expect(s.changeOver(60_000)).toBeNull();
  s.push(0, 10);
  s.push(1000, 12);
  s.push(2000, 15);
  s.push(3000, 19);
  expect(s.values).toEqual([12, 15, 19]);
  expect(s.last).toBe(19);
  expect(s.changeOver(60_000)).toEqual({ delta: 7, spanMs: 2000 });
  expect(s.changeOver(1000)).toEqual({ delta: 4, spanMs: 1000 });
});
