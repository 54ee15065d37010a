import { chainText } from '../src/chain.ts';
import { formatBytes } from '../src/format.ts';
import { type AnalysisResult, heapHops, type NodeRef, type RetainerChain } from '../src/heap/index.ts';
import { terminalText as term } from './terminal.ts';

function node(n: NodeRef): string {
  return `${term(n.className, 120)} @${n.id}`;
}

function chainLine(chain: RetainerChain): string {
  return chain.length > 0
    ? `      held by: ${term(chainText(heapHops(chain)), 2000)}`
    : '      held by: (no retaining path)';
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
      out.push(`  ×${g.count}  ${term(g.className, 120)}  retained ${formatBytes(g.retainedSize)}`);
      out.push(`      path: ${term(g.shape, 2000)}`);
    }
  }
  out.push('', `Detached DOM trees: ${result.detachedTrees.length}`);
  for (const t of result.detachedTrees.slice(0, top)) {
    const kinds = t.classes
      .slice(0, 4)
      .map((c) => `${term(c.className, 60)} ×${c.count}`)
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
      .map((v) => `${term(v.name, 60)}=${term(v.node.className, 60)} ${formatBytes(v.node.retainedSize)}`)
      .join(', ');
    out.push(
      `  ${formatBytes(c.capturedSize).padStart(8)}  ${term(c.functionName, 120)}${where}${c.sharedBy > 1 ? ` ×${c.sharedBy}` : ''}: ${vars}`,
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
            term(c.className, 60),
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
