import { Window } from 'happy-dom';
import { expect, test } from 'vitest';
import { escapeHtml, REPORT_CSP, type Report, toHtml } from '../../../src/report/index.ts';
import { auditReport, HOSTILE, META, scanReport } from './fixtures.ts';

/** Parses the export as a browser would (no script runs in happy-dom's parser here) and returns the document. */
function parse(html: string) {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true } });
  window.document.write(html);
  return window.document;
}

/** Every place a hostile string can come from: page URL and title, browser, chain labels, callsite, fix, notes. */
function hostileReport(s: string): Report {
  const r = scanReport(2, () => s, { ...META, url: s, title: s, browser: s });
  r.suspects[0].title = s;
  r.suspects[0].fix = s;
  r.suspects[0].detail = s;
  r.suspects[0].callsite = { kind: 'defined', url: s, scriptId: null, line: 1, column: 2, functionName: s };
  r.notes = [s];
  r.counters.push({ name: s, value: 1, series: null });
  return r;
}

function assertInert(doc: ReturnType<typeof parse>) {
  expect(doc.querySelectorAll('script')).toHaveLength(0);
  expect(doc.querySelectorAll('img, iframe, object, embed, link, form, a, base')).toHaveLength(0);
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
      expect(el.getAttribute(attr)?.trim().toLowerCase().startsWith('javascript:')).toBe(false);
    }
  }
}

test('escapeHtml escapes the five characters', () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

for (const [name, s] of Object.entries(HOSTILE)) {
  test(`hostile page text stays text: ${name}`, () => {
    const doc = parse(toHtml(hostileReport(s)));
    assertInert(doc);
    const text = doc.body.textContent ?? '';
    if (name === 'rtl') {
      // The override is shown as a visible tag, never as the invisible character that reverses the line.
      expect(text).not.toContain('\u202E');
      expect(text).toContain('invoice[U+202E]gnp.exe');
    } else {
      expect(text).toContain(s);
    }
  });
}

test('the only meta tags are charset, CSP and viewport; the CSP forbids scripts and external resources', () => {
  const doc = parse(toHtml(hostileReport(HOSTILE.img)));
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  expect(csp?.getAttribute('content')).toBe(REPORT_CSP);
  expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  expect(doc.querySelectorAll('meta')).toHaveLength(3);
  expect(doc.title).toContain(HOSTILE.img.slice(0, 20));
});

test('1 MB strings are cut for display', () => {
  const html = toHtml(hostileReport('x'.repeat(1 << 20)));
  expect(html.length).toBeLessThan(60_000);
  expect(html).toContain('more characters)');
});

test('summary first, then each suspect with its chain one hop per line, callsite and fix', () => {
  const r = scanReport(3);
  r.suspects[0].callsite = {
    kind: 'defined',
    scriptId: null,
    url: 'https://shop.example.com/app.js',
    line: 12,
    column: 5,
    functionName: 'openDialog',
  };
  const doc = parse(toHtml(r));
  const h2 = [...doc.querySelectorAll('h2')].map((h) => h.textContent);
  expect(h2.slice(0, 3)).toEqual(['Summary', 'Counters', 'Suspects']);
  const lines = [...doc.querySelectorAll('.suspect ol.chain li')].map((li) => li.textContent);
  expect(lines).toEqual([
    'window',
    "'resize' listener → onResize()",
    'closure variable dlg → <section id="dlg0" class="dialog">',
  ]);
  const text = doc.body.textContent ?? '';
  expect(text).toContain('Defined at: https://shop.example.com/app.js:12:5 in openDialog()');
  expect(text).toContain(`Fix: ${r.suspects[0].fix}`);
});

test('an audit shows its iterations and what grew steadily', () => {
  const doc = parse(toHtml(auditReport(5)));
  const tables = [...doc.querySelectorAll('table')];
  const iterations = tables.find((t) => t.textContent?.includes('Detached trees'))!;
  const rows = [...iterations.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent),
  );
  expect(rows.map((r) => r[0])).toEqual(['baseline', '1', '2', '3', '4', '5']);
  expect(rows.map((r) => r[1])).toEqual(['0', '1', '2', '3', '4', '5']);
  const grew = tables.find((t) => t.textContent?.includes('Per iteration'))!;
  expect(grew.querySelector('tbody tr')?.textContent).toContain('yes');
});
