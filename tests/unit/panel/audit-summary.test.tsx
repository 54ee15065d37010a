// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { AuditView } from '../../../panel/views/audit.tsx';
import { type AuditState, markIteration, startAudit } from '../../../src/audit/state.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { dialogScan } from '../report/fixtures.ts';

afterEach(cleanup);

/** The leaky dialog opened once more per iteration: +1 detached dialog each time. */
function audited(iterations: number): AuditState {
  const measured = (n: number) => {
    const result = dialogScan(n);
    return { result, suspects: findSuspects(result) };
  };
  let a = startAudit(measured(0), 0);
  for (let i = 1; i <= iterations; i++) a = markIteration(a, measured(i), i);
  return a;
}

const summary = (a: AuditState) => {
  const { getByTestId } = render(<AuditView audit={a} latest={[]} />);
  return getByTestId('audit-summary').textContent ?? '';
};

test('two iterations: the steady rows are counted, and the summary says growth suspects need a third', () => {
  const text = summary(audited(2));
  expect(text).toMatch(/baseline \+ 2 iterations · [1-9]\d* measures? growing steadily/);
  expect(text).toContain('growing suspects after 3 iterations');
  expect(text).not.toContain('0 growing suspects');
});

test('three iterations: the detached dialog that grows each time is a growing suspect', () => {
  const text = summary(audited(3));
  expect(text).toMatch(/· [1-9]\d* growing suspects?$/);
});
