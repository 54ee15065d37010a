import type { AuditState } from '../../src/audit/index.ts';
import { analyzeGrowth, auditSuspects, MIN_ITERATIONS, reportSuspect } from '../../src/report/index.ts';
import type { Suspect } from '../../src/suspects/index.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { GrowthGrid } from '../components/growth-grid.tsx';
import { ReportSuspectsGrid } from '../components/report-suspects-grid.tsx';
import { Summary } from '../components/summary.tsx';

/** `latest`: the suspects of the panel's last scan (an audit's last measurement, unless a Scan came after). */
export function AuditView({ audit, latest }: { audit: AuditState; latest: readonly Suspect[] }) {
  if (audit.kind === 'off') {
    return (
      <EmptyState title="Audit an interaction">
        Press <b>Start audit</b> to record a baseline. Then repeat the interaction you suspect — open and
        close a dialog, go to a route and back — and press <b>Mark iteration</b> after each repetition
        (Leakscope marks one by itself when the page returns to the audit’s start URL). <b>Finish audit</b>{' '}
        measures once more. What grows by the same amount every time is a leak, and ranks first.
      </EmptyState>
    );
  }
  const repetitions = audit.iterations.length - 1;
  const growth = analyzeGrowth(audit.iterations);
  const steady = growth.filter((g) => g.steady).length;
  // Steady growth is itself a suspect, ranked above what stayed constant (the same list the export gets).
  const suspects = auditSuspects({ iterations: audit.iterations, suspects: latest.map(reportSuspect) });
  const growing = suspects.filter((s) => s.growth).length;
  // The grid calls two equal steps steady; a suspect needs three (src/report/steady.ts). Before that, "0 growing
  // suspects" under rows marked steady would read as a contradiction.
  const growingText =
    repetitions < MIN_ITERATIONS
      ? `growing suspects after ${MIN_ITERATIONS} iterations`
      : `${growing} growing suspect${growing === 1 ? '' : 's'}`;
  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <Summary testid="audit-summary">
          {audit.kind === 'recording' ? 'Recording' : 'Finished'} · baseline + {repetitions} iteration
          {repetitions === 1 ? '' : 's'} · {steady} measure{steady === 1 ? '' : 's'} growing steadily ·{' '}
          {growingText}
        </Summary>
      </div>
      {repetitions < 1 ? (
        <div class="ls-empty" role="status">
          Baseline recorded. Repeat the interaction, then press <b>Mark iteration</b>.
        </div>
      ) : (
        <>
          {suspects.length > 0 && <ReportSuspectsGrid label="Audit suspects" suspects={suspects} />}
          <GrowthGrid rows={growth} />
        </>
      )}
    </div>
  );
}
