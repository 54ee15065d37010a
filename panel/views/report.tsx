import { formatBytes, formatCount } from '../../src/format.ts';
import type { Report, ReportHop, ReportSuspect } from '../../src/report/model.ts';
import { type Column, DataGrid } from '../components/data-grid.tsx';
import { GrowthGrid } from '../components/growth-grid.tsx';
import { Summary } from '../components/summary.tsx';

type Row = { kind: 'suspect'; key: string; s: ReportSuspect } | { kind: 'line'; key: string; text: string };

function hopLines(chain: readonly ReportHop[] | null): string[] {
  if (!chain?.length) return ['No retaining chain recorded.'];
  return [chain[0].holder, ...chain.map((h) => `${h.edge} → ${h.object}`)];
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

/** An imported report, read-only: what it was made from, its suspects with chains, its audit growth. */
export function ReportView({ report, onClose }: { report: Report; onClose: () => void }) {
  const rows: Row[] = report.suspects.map((s, i) => ({ kind: 'suspect', key: `${i}:${s.shape}`, s }));
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
    { id: 'evidence', title: 'Evidence', render: (r) => (r.kind === 'suspect' ? evidence(r.s) : '') },
  ];
  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <Summary testid="report-summary">
          Imported {report.source} report · {report.page.url || report.page.title || 'no page'} ·{' '}
          {report.createdAt}
          {report.browser ? ` · ${report.browser}` : ''} · {formatCount(report.suspects.length)} suspects
        </Summary>
        <div class="ls-toolbar-spacer" />
        <button type="button" class="ls-button" onClick={onClose}>
          Close report
        </button>
      </div>
      {rows.length > 0 && (
        <DataGrid
          label="Report suspects"
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
            r.kind === 'suspect' ? { 'data-severity': r.s.severity } : {}
          }
        />
      )}
      {report.audit && report.audit.growth.length > 0 && <GrowthGrid rows={report.audit.growth} />}
      {!rows.length && !report.audit && (
        <div class="ls-empty" role="status">
          This report has no suspects.
        </div>
      )}
    </div>
  );
}
