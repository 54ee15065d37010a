import { expect, test } from 'vitest';
import { codeSpan, escapeMarkdown, toHtml, toMarkdown } from '../../../src/report/index.ts';
import { auditReport, HOSTILE, META, scanReport } from './fixtures.ts';

test('page text loses its Markdown and HTML meaning', () => {
  const out = escapeMarkdown(HOSTILE.md);
  expect(out).toBe(
    '\\*\\*bold\\*\\* \\[link\\]\\(javascript:alert\\(1\\)\\) \\`tick\\` \\| pipe &lt;b&gt;x&lt;/b&gt;',
  );
  expect(escapeMarkdown('# heading\n- item')).toBe('\\# heading \\- item');
  expect(escapeMarkdown(HOSTILE.rtl)).toBe('invoice\\[U\\+202E\\]gnp\\.exe');
});

test('code spans cannot be closed early by backticks in the text', () => {
  expect(codeSpan('a`b')).toBe('``a`b``');
  expect(codeSpan('``x')).toBe('``` ``x ```');
  expect(codeSpan('line\nbreak')).toBe('`line break`');
});

test('toMarkdown: short summary with chains in code spans; hostile titles escaped', () => {
  const r = scanReport(2, undefined, { ...META, title: HOSTILE.img });
  const md = toMarkdown(r);
  expect(md.split('\n')[0]).toBe('### Leakscope report: "&gt;&lt;img src=x onerror=alert\\(1\\)&gt;');
  expect(md).not.toContain('<img');
  expect(md).toContain(
    '`window → \'resize\' listener → onResize() → closure variable dlg → <section id="dlg0" class="dialog">`',
  );
  expect(md.split('\n').length).toBeLessThan(30);
});

test('toMarkdown of an audit names what grew every iteration', () => {
  const md = toMarkdown(auditReport(5));
  expect(md).toContain('- Audit: 5 iterations of `dialog.mjs`');
  expect(md).toMatch(/grows every iteration: .*\(\+1 each\)/);
});

test('toMarkdown and toHtml of an audit show how each growing suspect grew', () => {
  const r = auditReport(5);
  expect(toMarkdown(r)).toContain('1. **medium** A ');
  expect(toMarkdown(r)).toContain(
    '   - grows every iteration: 0 → 1 → 2 → 3 → 4 → 5 \\(\\+1 per iteration\\)',
  );
  expect(toHtml(r)).toContain(
    '<p class="growth">Grows every iteration: 0 → 1 → 2 → 3 → 4 → 5 (+1 per iteration)</p>',
  );
});
