import type { Hop } from '../../src/chain.ts';
import { formatBytes, formatCount } from '../../src/format.ts';
import type { ReportSuspect } from '../../src/report/index.ts';
import { hopRows, hopRowText } from './chain.ts';
import { type Column, DataGrid } from './data-grid.tsx';

type Row = { kind: 'suspect'; key: string; s: ReportSuspect } | { kind: 'line'; key: string; text: string };

function hopLines(chain: readonly Hop[] | null): string[] {
  if (!chain?.length) return ['No retaining chain recorded.'];
  return hopRows(chain).map(hopRowText);
}

function evidence(s: ReportSuspect): string {
  return [
    s.nodes ? `${formatCount(s.nodes)} DOM nodes` : '',
    s.bytes ? `≥ ${formatBytes(s.bytes)}` : '',
    s.detail ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** How a growing suspect grew: `0 → 1 → 2 → 3` (bytes for memory growth); empty for a constant one. */
function growthText(s: ReportSuspect): string {
  if (!s.growth) return '';
  const fmt = s.kind === 'memory-growth' ? formatBytes : formatCount;
  return s.growth.values.map((v) => fmt(v)).join(' → ');
}

/** Report suspects (an imported report's, an audit's) with their chains and fixes; growth shown when they grew. */
export function ReportSuspectsGrid({
  label,
  suspects,
}: {
  label: string;
  suspects: readonly ReportSuspect[];
}) {
  const rows: Row[] = suspects.map((s, i) => ({ kind: 'suspect', key: `${i}:${s.shape}`, s }));
  const growing = suspects.some((s) => s.growth);
  const columns: Column<Row>[] = [
    {
      id: 'severity',
      title: 'Severity',
      width: 90,
      render: (r) =>
        r.kind === 'suspect' ? <span class={`ls-sev ls-sev-${r.s.severity}`}>{r.s.severity}</span> : '',
    },
    {
      id: 'title',
      title: 'Suspect',
      width: 460,
      minWidth: 170,
      render: (r) =>
        r.kind === 'suspect' ? (
          <>
            {r.s.title}
            {r.s.count > 1 && <span class="ls-flag ls-times">×{formatCount(r.s.count)}</span>}
          </>
        ) : (
          ''
        ),
      title_: (r) => (r.kind === 'suspect' ? r.s.title : ''),
    },
    ...(growing
      ? [
          {
            id: 'growth',
            title: 'Grew (baseline → last)',
            width: 200,
            className: 'ls-code',
            render: (r: Row) => (r.kind === 'suspect' ? growthText(r.s) || '—' : ''),
          },
        ]
      : []),
    { id: 'evidence', title: 'Evidence', render: (r) => (r.kind === 'suspect' ? evidence(r.s) : '') },
  ];
  return (
    <DataGrid
      label={label}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      children={(r) =>
        r.kind === 'suspect'
          ? [...hopLines(r.s.chain), `Fix: ${r.s.fix}`].map(
              (text, i) => ({ kind: 'line', key: `${r.key}:${i}`, text }) as Row,
            )
          : []
      }
      childRow={(r) => (r.kind === 'line' ? <span class="ls-code">{r.text}</span> : null)}
      rowAttributes={(r): Record<string, string> =>
        r.kind === 'suspect'
          ? { 'data-severity': r.s.severity, 'data-kind': r.s.kind, 'data-growing': String(!!r.s.growth) }
          : {}
      }
    />
  );
}
