/** A short Markdown summary for pasting into an issue tracker. Page strings are escaped; chains are code spans. */
import { CALLSITE_LABEL, callsiteText } from '../callsite.ts';
import { chainText } from '../chain.ts';
import { formatBytes, formatCount } from '../format.ts';
import { codeSpan, escapeMarkdown as md } from './escape.ts';
import { growthValues } from './growth-suspects.ts';
import type { Report } from './model.ts';

const MAX_SUSPECTS = 10;

export function toMarkdown(r: Report): string {
  const out = [
    `### Leakscope report: ${md(r.page.title || '(untitled)', 120)}`,
    '',
    `- Page: ${codeSpan(r.page.url, 200)}`,
    `- Browser: ${md(r.browser || 'unknown')} · Leakscope ${md(r.tool.version)} · ${md(r.createdAt)}`,
    `- Suspects: ${r.suspects.length}`,
  ];
  const steady = r.audit?.growth.filter((g) => g.steady) ?? [];
  if (r.audit) {
    out.push(
      `- Audit: ${Math.max(0, r.audit.iterations.length - 1)} iterations of ${codeSpan(r.audit.scenario, 120)}`,
    );
    for (const g of steady.slice(0, 5))
      out.push(
        `  - grows every iteration: ${md(g.label, 120)} (+${g.kind === 'heap' ? formatBytes(g.perIteration) : formatCount(g.perIteration)} each)`,
      );
  }
  if (r.heap?.diff)
    out.push(
      `- Heap diff: ${formatCount(r.heap.diff.survivingInFinal)} objects leaked in ${r.heap.diff.groups.length} groups`,
    );
  out.push('');
  r.suspects.slice(0, MAX_SUSPECTS).forEach((s, i) => {
    out.push(`${i + 1}. **${md(s.severity)}** ${md(s.title, 160)}${s.count > 1 ? ` ×${s.count}` : ''}`);
    if (s.growth) out.push(`   - grows every iteration: ${md(growthValues(s), 300)}`);
    if (s.chain?.length) out.push(`   - chain: ${codeSpan(chainText(s.chain), 400)}`);
    if (s.callsite)
      out.push(
        `   - ${CALLSITE_LABEL[s.callsite.kind]} ${codeSpan(callsiteText(s.callsite, { fullUrl: true, label: false }), 300)}`,
      );
    out.push(`   - fix: ${md(s.fix, 300)}`);
  });
  if (r.suspects.length > MAX_SUSPECTS)
    out.push('', `…and ${r.suspects.length - MAX_SUSPECTS} more in the full report.`);
  return `${out.join('\n')}\n`;
}
