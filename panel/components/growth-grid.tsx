import { formatBytes, formatCount, formatSigned } from '../../src/format.ts';
import type { GrowthRow } from '../../src/report/index.ts';
import { type Column, DataGrid } from './data-grid.tsx';

const KIND_LABEL: Record<GrowthRow['kind'], string> = {
  suspect: 'Suspect',
  detached: 'Detached DOM',
  listeners: 'Listeners',
  timers: 'Timers',
  counter: 'Counter',
  heap: 'JS heap',
};

/** What grew over an audit's iterations; steady growth (a leak per repetition) first. */
export function GrowthGrid({ rows }: { rows: readonly GrowthRow[] }) {
  const iterations = rows[0]?.values.length ?? 0;
  const fmt = (r: GrowthRow, n: number) => (r.kind === 'heap' ? formatBytes(n) : formatCount(n));
  const columns: Column<GrowthRow>[] = [
    {
      id: 'steady',
      title: 'Growth',
      width: 90,
      render: (r) =>
        r.steady ? <span class="ls-sev ls-sev-high">steady</span> : <span class="ls-muted">—</span>,
      sortValue: (r) => (r.steady ? 1 : 0),
    },
    {
      id: 'label',
      title: 'Measure',
      width: 360,
      minWidth: 150,
      render: (r) => r.label,
      title_: (r) => r.label,
    },
    { id: 'kind', title: 'Kind', width: 110, priority: 3, render: (r) => KIND_LABEL[r.kind] },
    {
      id: 'per',
      title: 'Per iteration',
      width: 100,
      minWidth: 84,
      align: 'right',
      render: (r) => formatSigned(r.perIteration, (n) => fmt(r, n)),
      sortValue: (r) => r.perIteration,
    },
    {
      id: 'values',
      title: `Values (baseline → iteration ${Math.max(0, iterations - 1)})`,
      className: 'ls-code',
      minWidth: 120,
      priority: 2,
      render: (r) => r.values.map((v) => fmt(r, v)).join(' → '),
    },
  ];
  return (
    <DataGrid
      label="Audit growth"
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      rowAttributes={(r): Record<string, string> => ({ 'data-key': r.key, 'data-steady': String(r.steady) })}
    />
  );
}
