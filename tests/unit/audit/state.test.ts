import { expect, test } from 'vitest';
import { type AuditState, finishAudit, markIteration, startAudit } from '../../../src/audit/state.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { dialogScan } from '../report/fixtures.ts';

// The leaky dialog after n openings: n detached dialogs. One measurement per call, as the panel and the CLI take them.
const measured = (n: number) => {
  const result = dialogScan(n);
  return { result, suspects: findSuspects(result) };
};
const trees = (a: AuditState) =>
  a.kind === 'off' ? [] : a.iterations.map((i) => [i.index, i.detachedTrees]);

test('start records the baseline as iteration 0; each mark adds the next one with its time', () => {
  let a = startAudit(measured(0), 1000);
  expect(a).toMatchObject({ kind: 'recording', startedAt: 1000, markedAt: [1000] });
  a = markIteration(a, measured(1), 2000);
  a = markIteration(a, measured(2), 3000);
  expect(trees(a)).toEqual([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);
  expect(a.kind !== 'off' && a.markedAt).toEqual([1000, 2000, 3000]);
});

test('finish replaces the last iteration (measured right after the last repetition) instead of adding one', () => {
  let a = startAudit(measured(0), 1000);
  a = markIteration(a, measured(1), 2000);
  a = markIteration(a, measured(2), 3000);
  a = finishAudit(a, measured(2), 4000);
  expect(a.kind).toBe('finished');
  expect(trees(a)).toEqual([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);
  expect(a.kind !== 'off' && a.markedAt).toEqual([1000, 2000, 4000]);
  // With only the baseline, finish adds iteration 1.
  const short = finishAudit(startAudit(measured(0), 1), measured(1), 2);
  expect(trees(short)).toEqual([
    [0, 0],
    [1, 1],
  ]);
});

test('mark and finish leave an audit that is not recording as it is', () => {
  const off: AuditState = { kind: 'off' };
  expect(markIteration(off, measured(1), 1)).toBe(off);
  const done = finishAudit(startAudit(measured(0), 1), measured(1), 2);
  expect(markIteration(done, measured(2), 3)).toBe(done);
  expect(finishAudit(done, measured(2), 3)).toBe(done);
});
