import { analyzeGrowth } from '../../src/report/growth.ts';
import type { AuditState } from '../audit/audit-state.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { GrowthGrid } from '../components/growth-grid.tsx';
import { Summary } from '../components/summary.tsx';

export function AuditView({ audit }: { audit: AuditState }) {
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
  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <Summary testid="audit-summary">
          {audit.kind === 'recording' ? 'Recording' : 'Finished'} · baseline + {repetitions} iteration
          {repetitions === 1 ? '' : 's'} · {steady} measure{steady === 1 ? '' : 's'} growing steadily
        </Summary>
      </div>
      {repetitions < 1 ? (
        <div class="ls-empty" role="status">
          Baseline recorded. Repeat the interaction, then press <b>Mark iteration</b>.
        </div>
      ) : (
        <GrowthGrid rows={growth} />
      )}
    </div>
  );
}
