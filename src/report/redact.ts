/** Optional redaction before sharing a report: query strings and page text out, structure and numbers kept. */
import type { Hop } from '../chain.ts';
import type { Report } from './model.ts';

export interface RedactOptions {
  /** Drop `?query` and `#fragment` from every URL (page, callsites, images, URLs inside labels). */
  queryStrings?: boolean;
  /** Drop the page title and the text inside quotes in labels (`"Hello Ann"` → `"…"`); tag and class names stay. */
  textContent?: boolean;
}

function stripQuery(url: string): string {
  return url.replace(/[?#].*$/s, '');
}

/** URLs inside free text (labels, titles, details). */
function stripQueriesInText(s: string): string {
  return s.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi, '$1');
}

/**
 * Quoted text in a label: anything in double quotes, and single-quoted text with a space in it (a bare `'resize'` is
 * an event type or key, structure rather than text). Attribute values (`class="x"`) are structure too and stay.
 */
function stripQuoted(s: string): string {
  return s.replace(/(^|[^=])"[^"]*"/g, '$1"…"').replace(/(^|[^\w=])'[^']* [^']*'/g, "$1'…'");
}

/** A redacted copy; the input is not changed. */
export function redactReport(report: Report, opts: RedactOptions): Report {
  const r: Report = structuredClone(report);
  const text = (s: string) => {
    let out = s;
    if (opts.queryStrings) out = stripQueriesInText(out);
    if (opts.textContent) out = stripQuoted(out);
    return out;
  };
  const hops = (chain: Hop[]) => {
    for (const h of chain) {
      h.holder = text(h.holder);
      h.edge = text(h.edge);
      h.object = text(h.object);
    }
  };
  if (opts.queryStrings) r.page.url = stripQuery(r.page.url);
  if (opts.textContent) r.page.title = '';
  for (const s of r.suspects) {
    s.title = text(s.title);
    if (s.detail !== null) s.detail = text(s.detail);
    if (s.chain) hops(s.chain);
    if (s.callsite?.url && opts.queryStrings) s.callsite.url = stripQuery(s.callsite.url);
    if (s.callsite?.original && opts.queryStrings)
      s.callsite.original.url = stripQuery(s.callsite.original.url);
  }
  for (const it of r.audit?.iterations ?? []) for (const s of it.suspects) s.title = text(s.title);
  for (const g of r.audit?.growth ?? []) g.label = text(g.label);
  for (const t of r.heap?.detachedTrees ?? []) hops(t.chain);
  for (const g of r.heap?.diff?.groups ?? []) {
    g.shape = text(g.shape);
    hops(g.chain);
  }
  if (opts.queryStrings) for (const i of r.images) i.url = stripQuery(i.url);
  r.notes = r.notes.map(text);
  return r;
}
