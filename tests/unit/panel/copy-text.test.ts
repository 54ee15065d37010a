import { expect, test } from 'vitest';
import type { HopRow } from '../../../panel/components/chain.ts';
import { chainAsText, rowAsTsv, suspectAsMarkdown } from '../../../panel/copy/copy-text.ts';

const hops: HopRow[] = [
  { edge: null, edgeKind: null, label: 'window', muted: false },
  { edge: "'resize' listener", edgeKind: 'listener', label: 'onResize()', muted: false },
  {
    edge: 'closure variable dlg',
    edgeKind: 'closure-variable',
    label: '<section class="dialog">',
    muted: false,
  },
];

test('a chain copies as one hop per line, root first, as the view shows it', () => {
  expect(chainAsText(hops)).toBe(
    'window\n\'resize\' listener → onResize()\nclosure variable dlg → <section class="dialog">',
  );
});

test('a row copies as tab-separated cells; tabs and line breaks inside a cell cannot split it', () => {
  expect(rowAsTsv(['high', 'a\tb\nc', ' 3 '])).toBe('high\ta b c\t3');
});

test('a suspect copies as Markdown with its chain in a code block, fix and callsite', () => {
  const md = suspectAsMarkdown({
    severity: 'high',
    title: 'Detached <section> kept by a resize listener',
    count: 3,
    evidence: '12 DOM nodes',
    hops,
    fix: 'Call removeEventListener in close().',
    callsite: {
      kind: 'defined',
      url: 'http://127.0.0.1/demo/leaks.js',
      scriptId: '9',
      line: 12,
      column: 5,
      functionName: 'onResize',
    },
  });
  expect(md).toBe(
    [
      '### Detached \\<section\\> kept by a resize listener ×3',
      '',
      '**Severity:** high · 12 DOM nodes',
      '**Defined at:** `http://127.0.0.1/demo/leaks.js:12:5 in onResize()`',
      '',
      '**Retained by:**',
      '',
      '```',
      chainAsText(hops),
      '```',
      '',
      '**Fix:** Call removeEventListener in close().',
    ].join('\n'),
  );
});

test('page text cannot turn the Markdown into links, HTML or a broken code block', () => {
  const md = suspectAsMarkdown({
    severity: 'low',
    title: '[click](http://evil) <img src=x>',
    count: 1,
    evidence: '',
    hops: [{ edge: null, edgeKind: null, label: '```\n# injected', muted: false }],
    fix: 'x',
    callsite: { kind: 'registered', url: 'a`b', scriptId: null, line: 1, column: 1, functionName: '' },
  });
  expect(md).toContain('\\[click\\](http://evil) \\<img src=x\\>');
  expect(md).toContain('``a`b:1:1``');
  // The chain's fence is longer than any backtick run in it.
  expect(md).toContain('````\n```\n# injected\n````');
});
