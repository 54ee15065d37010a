import { expect, test } from 'vitest';
import { parseReport, type Report, toJson } from '../../../src/report/index.ts';
import { auditReport, scanReport } from './fixtures.ts';

function fail(text: string): string {
  const r = parseReport(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

function mutate(edit: (o: Record<string, unknown>) => void): string {
  const o = JSON.parse(toJson(auditReport(3)));
  edit(o);
  return JSON.stringify(o);
}

test('JSON round trip: toJson → parseReport gives the same report, for a scan and an audit', () => {
  for (const report of [scanReport(3), auditReport(5)]) {
    const back = parseReport(toJson(report));
    expect(back).toEqual({ ok: true, report });
  }
});

test('not JSON, truncated JSON, empty input', () => {
  const text = toJson(scanReport(2));
  expect(fail('hello')).toMatch(/not valid JSON/);
  expect(fail(text.slice(0, text.length / 2))).toMatch(/not valid JSON/);
  expect(fail('')).toMatch(/not valid JSON/);
});

test('wrong kind: other JSON, arrays, primitives, a heap snapshot', () => {
  expect(fail('{"kind":"something-else","version":1}')).toMatch(/not a Leakscope report/);
  expect(fail('[1,2]')).toMatch(/not a Leakscope report/);
  expect(fail('null')).toMatch(/not a Leakscope report/);
  expect(fail('42')).toMatch(/not a Leakscope report/);
  expect(fail('{"snapshot":{"meta":{}},"nodes":[],"edges":[],"strings":[]}')).toMatch(/heap snapshot/);
});

test('versions: newer asks to update, older and malformed are refused clearly', () => {
  expect(fail(mutate((o) => (o.version = 7)))).toBe(
    'This report was made by a newer Leakscope (v7); update Leakscope to open it (this one reads v1).',
  );
  expect(fail(mutate((o) => (o.version = 0)))).toMatch(/no valid version/);
  expect(fail(mutate((o) => (o.version = '1')))).toMatch(/no valid version/);
  expect(fail(mutate((o) => delete o.version))).toMatch(/no valid version/);
  expect(fail(mutate((o) => (o.version = 1.5)))).toMatch(/no valid version/);
});

test('wrong field types name the field', () => {
  expect(fail(mutate((o) => (o.page = 'x')))).toMatch(/page should be an object/);
  expect(fail(mutate((o) => ((o.page as Record<string, unknown>).url = 5)))).toMatch(
    /page\.url should be a string/,
  );
  expect(fail(mutate((o) => ((o.suspects as Record<string, unknown>[])[0].severity = 'critical')))).toMatch(
    /report\.suspects\[0\]\.severity should be one of info, low, medium, high/,
  );
  expect(fail(mutate((o) => ((o.suspects as Record<string, unknown>[])[0].count = 'NaN')))).toMatch(
    /suspects\[0\]\.count should be a number/,
  );
  expect(fail(mutate((o) => ((o.suspects as Record<string, unknown>[])[0].chain = {})))).toMatch(
    /chain should be a list/,
  );
  expect(
    fail(mutate((o) => (((o.audit as Record<string, unknown>).iterations as unknown[])[1] = null))),
  ).toMatch(/audit\.iterations\[1\] should be an object/);
  expect(fail(mutate((o) => (o.createdAt = 'yesterday')))).toMatch(/createdAt/);
  expect(fail(mutate((o) => delete o.counters))).toMatch(/report\.counters should be a list/);
});

test('1 MB strings are clamped, not refused; huge lists are capped', () => {
  const huge = 'A'.repeat(1 << 20);
  const r = parseReport(
    mutate((o) => {
      (o.page as Record<string, unknown>).title = huge;
      (o.suspects as Record<string, unknown>[])[0].title = huge;
      o.notes = Array.from({ length: 10_000 }, () => 'n');
    }),
  );
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.report.page.title.length).toBeLessThanOrEqual(2000);
  expect(r.report.suspects[0].title.length).toBeLessThanOrEqual(2000);
  expect(r.report.notes.length).toBe(50);
});

test('prototype-pollution keys are dropped and pollute nothing', () => {
  const text = toJson(scanReport(1)).replace(
    '"kind": "leakscope-report"',
    '"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "kind": "leakscope-report"',
  );
  const withPage = text.replace('"page": {', '"page": {"__proto__": {"isAdmin": true}, ');
  expect(withPage).toContain('"page": {"__proto__"');
  expect(withPage).toContain('"constructor"');
  const r = parseReport(withPage);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const report = r.report as Report & Record<string, unknown>;
  expect(Object.hasOwn(report, '__proto__')).toBe(false);
  expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(report.page)).toBe(Object.prototype);
  expect((report.page as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(report).sort()).toEqual(Object.keys(scanReport(1)).sort());
});

test('an inherited field does not count: "kind" must be the object\'s own', () => {
  expect(fail('{"__proto__":{"kind":"leakscope-report","version":1}}')).toMatch(/not a Leakscope report/);
});

test('growth is recomputed from the iterations, not trusted from the file', () => {
  const r = parseReport(
    mutate((o) => {
      const audit = o.audit as Record<string, unknown>;
      audit.growth = [
        { kind: 'counter', key: 'fake', label: 'fake', values: [], perIteration: 99, steady: true },
      ];
    }),
  );
  expect(r.ok && r.report.audit?.growth.some((g) => g.key === 'fake')).toBe(false);
  expect(r.ok && r.report.audit?.growth[0].kind).toBe('suspect');
});

test('never throws, whatever the input', () => {
  const inputs: unknown[] = [
    undefined,
    null,
    5,
    {},
    '{"kind":"leakscope-report","version":1}',
    '['.repeat(100_000),
  ];
  for (const input of inputs) expect(() => parseReport(input as string)).not.toThrow();
  expect(parseReport('{"kind":"leakscope-report","version":1}').ok).toBe(false);
});
