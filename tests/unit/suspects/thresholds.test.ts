import { describe, expect, test } from 'vitest';
import {
  KB,
  MB,
  severityForBytes,
  severityForGrowth,
  severityForNodes,
  severityForRetained,
} from '../../../src/suspects/rules/thresholds.ts';

describe('severity from what is kept', () => {
  test('retained bytes: 37 MiB held by anything is high; under 1 MiB is no suspect', () => {
    expect(severityForBytes(37.4 * MB)).toBe('high');
    expect(severityForBytes(10 * MB)).toBe('medium');
    expect(severityForBytes(5 * MB)).toBe('low');
    expect(severityForBytes(1.5 * MB)).toBe('info');
    expect(severityForBytes(900 * KB)).toBeNull();
  });
  test('retained nodes and bytes together: the more severe step wins', () => {
    expect(severityForRetained({ bytes: 40 * MB, nodes: 1 })).toBe('high');
    expect(severityForRetained({ bytes: 0, nodes: 150 })).toBe('high');
    expect(severityForRetained({ bytes: 5 * MB, nodes: 12 })).toBe('medium');
    expect(severityForRetained({})).toBeNull();
    expect(severityForNodes(1)).toBe('low');
    expect(severityForNodes(10)).toBe('medium');
  });
  test('growth per iteration: any steady growth is low, a dialog a time is medium, a MiB a time is high', () => {
    expect(severityForGrowth({ countPerIteration: 1 })).toBe('low');
    expect(severityForGrowth({ nodesPerIteration: 12, countPerIteration: 1 })).toBe('medium');
    expect(severityForGrowth({ bytesPerIteration: 2 * MB })).toBe('high');
    expect(severityForGrowth({ bytesPerIteration: 100 * KB })).toBe('medium');
    expect(severityForGrowth({ bytesPerIteration: 64 * KB })).toBe('medium');
    expect(severityForGrowth({ bytesPerIteration: 1 * MB })).toBe('high');
    expect(severityForGrowth({ nodesPerIteration: 100 })).toBe('high');
    expect(severityForGrowth({ bytesPerIteration: 100, countPerIteration: 10 })).toBe('medium');
    expect(severityForGrowth({})).toBeNull();
    expect(
      severityForGrowth({ bytesPerIteration: 0, nodesPerIteration: 0, countPerIteration: 0 }),
    ).toBeNull();
  });
});
