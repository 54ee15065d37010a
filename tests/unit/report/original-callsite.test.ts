import { expect, test } from 'vitest';
import {
  parseReport,
  type Report,
  redactReport,
  toHtml,
  toJson,
  toMarkdown,
} from '../../../src/report/index.ts';
import { scanReport } from './fixtures.ts';

// The optional `callsite.original` (source-mapped position): written when known, read back, optional for old files.
function withCallsites(): Report {
  const r = scanReport(2);
  r.suspects = [r.suspects[0], { ...r.suspects[0], shape: 'other' }];
  r.suspects[0].callsite = {
    kind: 'registered',
    url: 'http://app.test/bundle.js?v=3',
    scriptId: null,
    line: 1,
    column: 149,
    functionName: 'n',
    original: { url: 'http://app.test/src/dialog.ts?v=3', line: 7, column: 10 },
  };
  r.suspects[1].callsite = {
    kind: 'defined',
    url: 'http://app.test/plain.js',
    scriptId: '12',
    line: 4,
    column: 2,
    functionName: 'f',
  };
  return r;
}

test('round trip keeps the original position; a report without it (older files) still parses', () => {
  const r = withCallsites();
  expect(parseReport(toJson(r))).toEqual({ ok: true, report: r });
  const old = JSON.parse(toJson(r));
  delete old.suspects[0].callsite.original;
  // Reports written before `kind` and `scriptId` came from scans, which knew only where functions are defined.
  delete old.suspects[0].callsite.kind;
  delete old.suspects[0].callsite.scriptId;
  const back = parseReport(JSON.stringify(old));
  expect(back.ok && back.report.suspects[0].callsite).toEqual({
    kind: 'defined',
    url: 'http://app.test/bundle.js?v=3',
    scriptId: null,
    line: 1,
    column: 149,
    functionName: 'n',
  });
  const bad = JSON.parse(toJson(r));
  bad.suspects[0].callsite.original = { url: 'x', line: 'seven', column: 1 };
  expect(parseReport(JSON.stringify(bad)).ok).toBe(false);
});

test('HTML and Markdown name the original position first, the generated one after it', () => {
  const r = withCallsites();
  expect(toMarkdown(r)).toContain(
    'registered at `http://app.test/src/dialog.ts?v=3:7:10 (generated http://app.test/bundle.js?v=3:1:149) in n()`',
  );
  expect(toHtml(r)).toContain(
    'Registered at: <code>http://app.test/src/dialog.ts?v=3:7:10 (generated http://app.test/bundle.js?v=3:1:149) in n()</code>',
  );
  expect(toMarkdown(r)).toContain('defined at `http://app.test/plain.js:4:2 in f()`');
});

test('redaction drops query strings from the original URL too', () => {
  const red = redactReport(withCallsites(), { queryStrings: true, textContent: false });
  expect(red.suspects[0].callsite?.original?.url).toBe('http://app.test/src/dialog.ts');
});
