import { formatCount } from '../../src/format.ts';
import type { Report } from '../../src/report/index.ts';
import { GrowthGrid } from '../components/growth-grid.tsx';
import { ReportSuspectsGrid } from '../components/report-suspects-grid.tsx';
import { Summary } from '../components/summary.tsx';

/** An imported report, read-only: what it was made from, its suspects with chains, its audit growth. */
export function ReportView({ report, onClose }: { report: Report; onClose: () => void }) {
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
      {report.suspects.length > 0 && (
        <ReportSuspectsGrid label="Report suspects" suspects={report.suspects} />
      )}
      {report.audit && report.audit.growth.length > 0 && <GrowthGrid rows={report.audit.growth} />}
      {!report.suspects.length && !report.audit && (
        <div class="ls-empty" role="status">
          This report has no suspects.
        </div>
      )}
    </div>
  );
}
