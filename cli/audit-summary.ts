/** What `leakscope audit` prints on stdout: what grew, the suspects with chains, the heap diff, where time went. */

import { chainText } from '../src/chain.ts';
import { formatBytes, formatCount, formatDuration } from '../src/format.ts';
import type { Report } from '../src/report/index.ts';
import { terminalText as clean } from './terminal.ts';

export function auditSummary(r: Report): string {
  const a = r.audit!;
  const out = [
    `Leakscope audit of ${clean(r.page.url)}: ${a.iterations.length - 1} iterations of ${clean(a.scenario)}`,
  ];
  const steady = a.growth.filter((g) => g.steady);
  const growing = r.suspects.filter((s) => s.growth).length;
  out.push(
    '',
    steady.length
      ? 'Grows every iteration:'
      : growing
        ? 'No counter grew every iteration; what did is in the suspects below.'
        : 'Nothing grew by a steady amount per iteration.',
  );
  for (const g of steady.slice(0, 8)) {
    const step = g.kind === 'heap' ? formatBytes(g.perIteration) : formatCount(g.perIteration);
    out.push(
      `  +${step.padEnd(8)} ${clean(g.label, 100)} (${g.values.map((v) => formatCount(v)).join(' → ')})`,
    );
  }
  out.push(
    '',
    `Suspects: ${r.suspects.length}${growing ? ` (${growing} growing every iteration, listed first)` : ''}`,
  );
  for (const s of r.suspects.slice(0, 12)) {
    const grows = s.growth ? `grows ${s.growth.values.map((v) => formatCount(v)).join(' → ')}: ` : '';
    const step = s.growth && s.kind === 'memory-growth' ? '' : grows;
    out.push(`  ${s.severity.padEnd(6)} ${clean(step + s.title, 160)}${s.count > 1 ? ` ×${s.count}` : ''}`);
    if (s.chain?.length) out.push(`         ${clean(chainText(s.chain), 300)}`);
  }
  const d = r.heap?.diff;
  if (d) {
    out.push(
      '',
      `Heap diff (${d.snapshots} snapshots): ${formatCount(d.survivingInFinal)} objects from the first iteration still alive, in ${d.groups.length} groups`,
    );
    for (const g of d.groups.slice(0, 5))
      out.push(`  ×${g.count} ${clean(g.className, 80)}  ${clean(chainText(g.chain), 300)}`);
  }
  out.push('', `Time: ${a.timings.map((t) => `${t.name} ${formatDuration(t.value)}`).join(' · ')}`);
  return `${out.join('\n')}\n`;
}
