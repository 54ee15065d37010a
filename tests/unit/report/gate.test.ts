import { expect, test } from 'vitest';
import { gate } from '../../../src/report/gate.ts';
import type { Report, ReportSuspect } from '../../../src/report/index.ts';
import { scanReport } from './fixtures.ts';

// The leaky dialog after 3 openings: one medium listener suspect (×3) and what else the rules say.
const report = scanReport(3);
const titles = (xs: ReportSuspect[]) => xs.map((s) => s.title);
const medium = report.suspects.filter((s) => s.severity === 'medium' || s.severity === 'high');

test('without a baseline or ignore patterns, every suspect at or above failOn fails the gate, nothing below it', () => {
  expect(medium.length).toBeGreaterThan(0);
  const r = gate(report, { failOn: 'medium' });
  expect(titles(r.failing)).toEqual(titles(medium));
  expect(r.known).toEqual([]);
  expect(gate(report, { failOn: 'high' }).failing.length).toBe(
    report.suspects.filter((s) => s.severity === 'high').length,
  );
});

test('a baseline that had the same suspect (same shape, other counts) keeps it from failing; a new one still fails', () => {
  const baseline = scanReport(1);
  const r = gate(report, { failOn: 'medium', baseline });
  expect(titles(r.known)).toEqual(titles(medium));
  expect(r.failing).toEqual([]);
  const newLeak: ReportSuspect = { ...medium[0], shape: 'timer|somewhere else', title: 'A new interval' };
  const grown: Report = { ...report, suspects: [...report.suspects, newLeak] };
  expect(titles(gate(grown, { failOn: 'medium', baseline }).failing)).toEqual(['A new interval']);
});

test('ignore patterns match the script URL, the chain text or the title, as substrings or * globs', () => {
  const fromCdn: ReportSuspect = {
    ...medium[0],
    shape: 'cdn',
    title: 'Vendor widget',
    chain: null,
    callsite: {
      kind: 'registered',
      url: 'https://cdn.example.net/widget.min.js',
      scriptId: null,
      line: 1,
      column: 9,
      functionName: 'w',
    },
  };
  const r0: Report = { ...report, suspects: [...report.suspects, fromCdn] };
  expect(titles(gate(r0, { failOn: 'medium', ignore: ['cdn.example.net/'] }).ignored)).toEqual([
    'Vendor widget',
  ]);
  expect(titles(gate(r0, { failOn: 'medium', ignore: ['https://cdn.*.net/*.js'] }).ignored)).toEqual([
    'Vendor widget',
  ]);
  // The dialog's chain names onResize: a chain pattern takes those out; nothing else is touched.
  const byChain = gate(r0, { failOn: 'medium', ignore: ["'resize' listener → onResize()"] });
  expect(titles(byChain.failing)).toEqual(['Vendor widget']);
  expect(byChain.ignored.length).toBe(medium.length);
  // Regex characters in a pattern are literal; an empty pattern ignores nothing.
  expect(gate(r0, { failOn: 'medium', ignore: ['onResize()', ''] }).ignored.length).toBe(medium.length);
  expect(gate(r0, { failOn: 'medium', ignore: ['[a-z]+', '(w)'] }).ignored).toEqual([]);
});
