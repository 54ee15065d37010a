import { formatBytes } from '../format.ts';
import { formatChain } from '../heap/queries/chain.ts';
import type { AnalysisResult, NodeRef, RetainerChain } from '../heap/result.ts';

function node(n: NodeRef): string {
  return `${n.className} @${n.id}`;
}

function chainLine(chain: RetainerChain): string {
  return chain.length > 0 ? `      held by: ${formatChain(chain)}` : '      held by: (no retaining path)';
}

function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    `  ${r.map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')}`.trimEnd(),
  );
}

/** The human-readable report printed on stdout. */
export function formatReport(result: AnalysisResult, top: number): string {
  const s = result.summary;
  const out: string[] = [];
  out.push(
    `Heap: ${s.nodeCount.toLocaleString('en-US')} objects, ${s.edgeCount.toLocaleString('en-US')} references, ` +
      `${formatBytes(s.totalSize)} total, ${formatBytes(s.reachableSize)} reachable` +
      (s.bytes !== null ? ` (file ${formatBytes(s.bytes)})` : ''),
  );
  if (result.diff) {
    const d = result.diff;
    out.push(
      '',
      `Diff of ${d.snapshots} snapshots: ${d.newInTarget} objects new in the target, ${d.survivingInFinal} still alive at the end, ${d.suspects} leak suspects`,
    );
    if (d.groups.length === 0) out.push('  (no surviving objects: nothing leaked between the snapshots)');
    for (const g of d.groups.slice(0, top)) {
      out.push(`  ×${g.count}  ${g.className}  retained ${formatBytes(g.retainedSize)}`);
      out.push(`      path: ${g.shape}`);
    }
  }
  out.push('', `Detached DOM trees: ${result.detachedTrees.length}`);
  for (const t of result.detachedTrees.slice(0, top)) {
    const kinds = t.classes
      .slice(0, 4)
      .map((c) => `${c.className} ×${c.count}`)
      .join(', ');
    out.push(`  ${node(t.root)}: ${t.nodeCount} nodes (${kinds}), retained ${formatBytes(t.retainedSize)}`);
    out.push(chainLine(t.chain));
  }
  out.push('', 'Largest objects (retained size):');
  for (const l of result.largest.slice(0, top)) {
    out.push(`  ${formatBytes(l.node.retainedSize).padStart(8)}  ${node(l.node)}`);
    out.push(chainLine(l.chain));
  }
  out.push('', 'Closures holding the most:');
  for (const c of result.closures.slice(0, top)) {
    const where = c.location
      ? ` (script ${c.location.scriptId}:${c.location.line}:${c.location.column})`
      : '';
    const vars = c.captured
      .slice(0, 5)
      .map((v) => `${v.name}=${v.node.className} ${formatBytes(v.node.retainedSize)}`)
      .join(', ');
    out.push(
      `  ${formatBytes(c.capturedSize).padStart(8)}  ${c.functionName}${where}${c.sharedBy > 1 ? ` ×${c.sharedBy}` : ''}: ${vars}`,
    );
  }
  out.push('', 'Classes by retained size:');
  out.push(
    ...table(
      [
        ['class', 'count', 'self', 'retained'],
        ...result.classes
          .slice(0, top)
          .map((c) => [
            c.className.slice(0, 60),
            String(c.count),
            formatBytes(c.selfSize),
            formatBytes(c.retainedSize),
          ]),
      ],
      ['l', 'r', 'r', 'r'],
    ),
  );
  return `${out.join('\n')}\n`;
}
