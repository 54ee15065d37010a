import { type Callsite, callsiteHeading, callsiteText } from '../../src/callsite.ts';
import { type HopRow, hopRowText } from '../components/chain.ts';

/** A suspect as the copy actions see it: what it is, what keeps it, and how to fix it. */
export interface CopySuspect {
  severity: string;
  title: string;
  count: number;
  evidence: string;
  hops: readonly HopRow[];
  fix: string;
  callsite: Callsite | null;
}

/** Table cells are page data: tabs and line breaks inside one would split it into several. */
const cell = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

/** One grid row as tab-separated text, ready to paste into a spreadsheet. */
export function rowAsTsv(cells: readonly string[]): string {
  return cells.map(cell).join('\t');
}

/** A retainer chain as plain text: one hop per line, root first, as the Suspects view shows it. */
export function chainAsText(hops: readonly HopRow[]): string {
  return hops.map(hopRowText).join('\n');
}

/** Inline code in Markdown that page text cannot break out of: a fence longer than any backtick run inside. */
function code(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Markdown text outside code: escape what would turn page text into markup (links, emphasis, HTML). */
function text(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|!])/g, '\\$1');
}

/** A suspect as Markdown for an issue tracker: title, evidence, the chain as a code block, the fix, the callsite. */
export function suspectAsMarkdown(s: CopySuspect): string {
  const lines = [`### ${text(s.title)}${s.count > 1 ? ` ×${s.count}` : ''}`, ''];
  lines.push(`**Severity:** ${text(s.severity)}${s.evidence ? ` · ${text(s.evidence)}` : ''}`);
  if (s.callsite)
    lines.push(
      `**${callsiteHeading(s.callsite.kind)}:** ${code(callsiteText(s.callsite, { fullUrl: true, label: false }))}`,
    );
  lines.push('');
  if (s.hops.length) {
    const body = chainAsText(s.hops);
    const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    lines.push('**Retained by:**', '', fence, body, fence, '');
  }
  lines.push(`**Fix:** ${text(s.fix)}`);
  return lines.join('\n');
}
