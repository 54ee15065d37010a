import { expect, test } from 'vitest';
import { InputError } from '../../../cli/report-file.ts';
import { MAX_URLS, parseUrlList } from '../../../cli/url-list.ts';

test('a text list: one URL per line, blank lines and # comments skipped, duplicates once, order kept', () => {
  const text =
    '# pages\nhttps://a.test/\n\n  https://a.test/b?x=1  \r\nhttps://a.test/\nfile:///tmp/c.html\n';
  expect(parseUrlList(text, 'list.txt')).toEqual([
    'https://a.test/',
    'https://a.test/b?x=1',
    'file:///tmp/c.html',
  ]);
});

test('a sitemap: each <loc>, XML entities decoded, whatever else the file holds', () => {
  const xml = `<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://a.test/?q=1&amp;r=2 </loc><lastmod>2026-01-01</lastmod></url>
  <url><loc>https://a.test/&lt;x&gt;</loc></url>
</urlset>`;
  expect(parseUrlList(xml, 'sitemap.xml')).toEqual(['https://a.test/?q=1&r=2', 'https://a.test/<x>']);
});

test('what is not a page URL, an empty list and a whole site at once are input errors with the file named', () => {
  expect(() => parseUrlList('https://a.test/\njavascript:alert(1)\n', 'l.txt')).toThrow(
    /l\.txt: every URL must start with http:, https: or file: \(got "javascript:alert\(1\)"\)/,
  );
  expect(() => parseUrlList('# nothing\n', 'l.txt')).toThrow(InputError);
  expect(() => parseUrlList('<urlset></urlset>', 's.xml')).toThrow(/s\.xml lists no URL/);
  const many = Array.from({ length: MAX_URLS + 1 }, (_, i) => `https://a.test/${i}`).join('\n');
  expect(() => parseUrlList(many, 'big.txt')).toThrow(/lists 1001 URLs; at most 1000/);
});
