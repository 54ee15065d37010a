/**
 * The report as one self-contained HTML file: no script, no external resource (a CSP forbids both even if a bug let
 * one through), readable on screen and on paper. Every string from the report goes through `escapeHtml`.
 */
import { callsiteHeading, callsiteText } from '../callsite.ts';
import { edgeText, type Hop } from '../chain.ts';
import { formatBytes, formatCount, formatDuration } from '../format.ts';
import { escapeHtml as e } from './escape.ts';
import { growthValues } from './growth-suspects.ts';
import type { GrowthRow, HeapSection, Report, ReportSuspect } from './model.ts';
import type { ReportSet } from './set.ts';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc}
h3{font-size:1rem;margin:1.2rem 0 .3rem}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}
ol.chain{font:13px/1.5 ui-monospace,monospace;background:#f5f5f7;padding:.5rem .5rem .5rem 2.5rem;margin:.3rem 0;overflow-wrap:anywhere}
.sev{display:inline-block;min-width:4.5rem;font-weight:600}.high{color:#b00020}.medium{color:#a15c00}.low{color:#555}.info{color:#777}
.suspect{break-inside:avoid}.muted{color:#666}code{font:13px ui-monospace,monospace;overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}`;

/** A table cell, already escaped; numbers are right-aligned. */
type Cell = string | { num: string };

function num(text: string): Cell {
  return { num: text };
}

function cell(c: Cell): string {
  return typeof c === 'string' ? `<td>${c}</td>` : `<td class="n">${c.num}</td>`;
}

function table(head: string[], rows: Cell[][]): string {
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** One hop per line, root first, the leaked object last. */
export function chainHtml(chain: readonly Hop[]): string {
  if (chain.length === 0) return '<p class="muted">No retaining path.</p>';
  const lines = [`<li>${e(chain[0].holder)}</li>`];
  for (const h of chain) {
    const edge = edgeText(h);
    lines.push(`<li>${edge ? `${e(edge)} → ` : ''}${e(h.object)}</li>`);
  }
  return `<ol class="chain">\n${lines.join('\n')}\n</ol>`;
}

function suspectHtml(s: ReportSuspect, i: number): string {
  const evidence = [
    s.nodes !== null ? `${formatCount(s.nodes)} DOM nodes` : '',
    s.bytes !== null ? `≥ ${formatBytes(s.bytes)}` : '',
    s.detail !== null ? e(s.detail) : '',
  ].filter(Boolean);
  const cs = s.callsite;
  return `<section class="suspect">
<h3>${i + 1}. <span class="sev ${e(s.severity)}">${e(s.severity)}</span> ${e(s.title)}${s.count > 1 ? ` ×${formatCount(s.count)}` : ''}</h3>
${evidence.length ? `<p>${evidence.join(' · ')}</p>` : ''}
${s.growth ? `<p class="growth">Grows every iteration: ${e(growthValues(s))}</p>` : ''}
${s.chain ? `<p>Kept alive by:</p>\n${chainHtml(s.chain)}` : '<p class="muted">No chain found.</p>'}
<p>${cs ? `${e(callsiteHeading(cs.kind))}: <code>${e(callsiteText(cs, { fullUrl: true, label: false }))}</code>` : 'Callsite: <span class="muted">unknown</span>'}</p>
<p>Fix: ${e(s.fix)}</p>
</section>`;
}

function summaryHtml(r: Report): string {
  const bySeverity = (['high', 'medium', 'low', 'info'] as const)
    .map((sev) => [sev, r.suspects.filter((s) => s.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`)
    .join(', ');
  const rows: string[][] = [
    ['Page', e(r.page.title || '(untitled)')],
    ['URL', `<code>${e(r.page.url)}</code>`],
    ['Browser', e(r.browser || 'unknown')],
    ['Created', e(r.createdAt)],
    ['Tool', `Leakscope ${e(r.tool.version)} (${e(r.source)})`],
    ['Suspects', r.suspects.length ? `${formatCount(r.suspects.length)} (${bySeverity})` : 'none found'],
  ];
  if (r.audit) rows.push(['Iterations', formatCount(Math.max(0, r.audit.iterations.length - 1))]);
  const steady = r.audit?.growth.filter((g) => g.steady) ?? [];
  if (steady.length)
    rows.push([
      'Grows every iteration',
      steady
        .slice(0, 5)
        .map((g) => e(g.label))
        .join('<br>'),
    ]);
  if (r.heap)
    rows.push(['Heap', `${formatCount(r.heap.nodeCount)} objects, ${formatBytes(r.heap.totalSize)}`]);
  const counters = r.counters.length
    ? `<h2>Counters</h2>\n${table(
        ['Counter', 'Value'],
        r.counters.map((c) => [e(c.name), num(formatCount(c.value))]),
      )}`
    : '';
  return `<h2>Summary</h2>\n<table>\n<tbody>\n${rows.map((c) => `<tr><th>${c[0]}</th><td>${c[1]}</td></tr>`).join('\n')}\n</tbody>\n</table>\n${counters}`;
}

function growthValue(g: GrowthRow, v: number): string {
  return g.kind === 'heap' ? formatBytes(v) : formatCount(v);
}

function auditHtml(r: Report): string {
  const a = r.audit;
  if (!a) return '';
  const out = [`<h2>Audit</h2>\n<p>Scenario: <code>${e(a.scenario)}</code></p>`];
  if (a.growth.length) {
    out.push(
      '<h3>What grew</h3>',
      table(
        ['Measure', 'Per iteration', 'Steady', 'Values'],
        a.growth
          .slice(0, 30)
          .map((g) => [
            e(g.label),
            num(`+${growthValue(g, g.perIteration)}`),
            g.steady ? 'yes' : 'no',
            e(g.values.map((v) => growthValue(g, v)).join(' → ')),
          ]),
      ),
    );
  }
  const counter = (it: Report['audit'] & object, i: number, name: string) =>
    it.iterations[i].counters.find((c) => c.name === name)?.value ?? 0;
  out.push(
    '<h3>Iterations</h3>',
    table(
      [
        '#',
        'Detached trees',
        'Listeners',
        'Timers',
        'JS heap',
        'DOM nodes',
        'JS listeners (Chrome)',
        'Suspects',
      ],
      a.iterations.map((it, i) => [
        num(it.index === 0 ? 'baseline' : String(it.index)),
        num(formatCount(it.detachedTrees)),
        num(formatCount(it.listenersByType.reduce((n, l) => n + l.value, 0))),
        num(formatCount(it.timers)),
        num(formatBytes(it.jsHeapUsed)),
        num(formatCount(counter(a, i, 'Nodes'))),
        num(formatCount(counter(a, i, 'JSEventListeners'))),
        num(formatCount(it.suspects.reduce((n, s) => n + s.count, 0))),
      ]),
    ),
  );
  if (a.timings.length)
    out.push(
      '<h3>Time</h3>',
      table(
        ['Step', 'Time'],
        a.timings.map((t) => [e(t.name), num(formatDuration(t.value))]),
      ),
    );
  return out.join('\n');
}

function heapHtml(h: HeapSection | null): string {
  if (!h) return '';
  const out = [
    '<h2>Heap snapshots</h2>',
    `<p>${formatCount(h.nodeCount)} objects, ${formatBytes(h.totalSize)} total, ${formatBytes(h.reachableSize)} reachable, ${formatCount(h.detachedDomNodes)} detached DOM nodes.</p>`,
  ];
  if (h.diff) {
    out.push(
      `<h3>Leaked between snapshots (${h.diff.snapshots} snapshots)</h3>`,
      `<p>${formatCount(h.diff.newInTarget)} objects new in the target, ${formatCount(h.diff.survivingInFinal)} still alive at the end.</p>`,
    );
    for (const g of h.diff.groups.slice(0, 20))
      out.push(
        `<section class="suspect"><p><b>×${formatCount(g.count)} ${e(g.className)}</b>, retained ${formatBytes(g.retainedSize)}</p>\n${chainHtml(g.chain)}</section>`,
      );
  }
  if (h.detachedTrees.length) {
    out.push('<h3>Detached DOM trees</h3>');
    for (const t of h.detachedTrees.slice(0, 20))
      out.push(
        `<section class="suspect"><p><b>${e(t.root)}</b>: ${formatCount(t.nodeCount)} nodes, retained ${formatBytes(t.retainedSize)}</p>\n${chainHtml(t.chain)}</section>`,
      );
  }
  return out.join('\n');
}

function imagesHtml(r: Report): string {
  if (!r.images.length) return '';
  return `<h2>Images</h2>\n${table(
    ['Image', 'Natural', 'Displayed', 'Decoded'],
    r.images.map((i) => [
      `<code>${e(i.url)}</code>`,
      `${formatCount(i.naturalWidth)}×${formatCount(i.naturalHeight)}`,
      `${formatCount(i.displayWidth)}×${formatCount(i.displayHeight)}`,
      num(formatBytes(i.bytes)),
    ]),
  )}`;
}

/** A report's sections (summary, suspects, audit, heap, images, notes), every page string escaped. */
function reportBody(r: Report): string {
  const suspects = r.suspects.length
    ? r.suspects.map(suspectHtml).join('\n')
    : '<p>No suspects: nothing looked like a leak.</p>';
  const notes = r.notes.length
    ? `<h2>Notes</h2>\n<ul>${r.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`
    : '';
  return `${summaryHtml(r)}
<h2>Suspects</h2>
${suspects}
${auditHtml(r)}
${heapHtml(r.heap)}
${imagesHtml(r)}
${notes}`;
}

function documentHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** One HTML document, no script, every page string escaped. */
export function toHtml(r: Report): string {
  return documentHtml(
    `Leakscope report: ${e(r.page.title || r.page.url, 80)}`,
    `<h1>Leakscope report</h1>\n${reportBody(r)}`,
  );
}

/** Several pages' reports (`audit --urls`) in one document: a list of the pages, then each page's report. */
export function setToHtml(set: ReportSet): string {
  const n = set.reports.length;
  const index = set.reports
    .map(
      (r, i) => `<li><a href="#page-${i + 1}">${e(r.page.url, 200)}</a> — ${r.suspects.length} suspects</li>`,
    )
    .join('');
  const failures = set.failures.length
    ? `<h2>Not audited</h2>\n<ul>${set.failures.map((f) => `<li>${e(f.url, 200)}: ${e(f.message)}</li>`).join('')}</ul>`
    : '';
  const pages = set.reports
    .map(
      (r, i) => `<section id="page-${i + 1}">\n<h1>${e(r.page.url, 200)}</h1>\n${reportBody(r)}\n</section>`,
    )
    .join('\n');
  return documentHtml(
    `Leakscope report: ${n} page${n === 1 ? '' : 's'}`,
    `<h1>Leakscope report: ${n} page${n === 1 ? '' : 's'}</h1>\n<ul>${index}</ul>\n${failures}\n${pages}`,
  );
}
