import { expect, test } from 'vitest';
import { redactReport, reportFileName } from '../../../src/report/index.ts';
import { META, scanReport } from './fixtures.ts';

test('file names carry the host and the UTC time', () => {
  expect(reportFileName(scanReport(1), 'html')).toBe('leakscope-shop.example.com-2026-11-26T14-05-00.html');
  expect(reportFileName(scanReport(1), '.JSON')).toBe('leakscope-shop.example.com-2026-11-26T14-05-00.json');
});

test('hostile or missing hosts give safe names', () => {
  const name = (url: string) => reportFileName(scanReport(1, undefined, { ...META, url }), 'md');
  expect(name('file:///home/me/page.html')).toBe('leakscope-page-2026-11-26T14-05-00.md');
  expect(name('not a url/../../etc/passwd')).toBe('leakscope-page-2026-11-26T14-05-00.md');
  expect(name('http://[::1]:8080/')).toBe('leakscope-1-2026-11-26T14-05-00.md');
  expect(name('http://xn--e1afmkfd.xn--p1ai/')).toBe(
    'leakscope-xn--e1afmkfd.xn--p1ai-2026-11-26T14-05-00.md',
  );
  expect(name(`http://${'a'.repeat(200)}.com/`)).toMatch(/^leakscope-a{60}-2026/);
  for (const n of [name('http://127.0.0.1:5000/x'), name('javascript:alert(1)')])
    expect(n).toMatch(/^leakscope-[a-z0-9.-]+-[0-9T-]+\.md$/);
});

test('redaction: query strings and quoted page text go; structure stays; input untouched', () => {
  const r = scanReport(1, () => '<li title="Hello Ann">', META);
  r.suspects[0].title = `Listener on "Ann's cart" for 'resize', 'Hello Ann' at https://shop.example.com/a?token=1`;
  const red = redactReport(r, { queryStrings: true, textContent: true });
  expect(red.page.url).toBe('https://shop.example.com/cart');
  expect(red.page.title).toBe('');
  expect(red.suspects[0].title).toBe(`Listener on "…" for 'resize', '…' at https://shop.example.com/a`);
  expect(red.suspects[0].chain?.at(-1)?.object).toBe('<li title="Hello Ann">'); // attribute values are structure
  expect(r.page.url).toBe(META.url);
  expect(redactReport(r, {}).page).toEqual(r.page);
});
