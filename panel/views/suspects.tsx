import { useState } from 'preact/hooks';
import { formatBytes, formatCount, formatDuration } from '../../src/format.ts';
import { SCAN_PHASE_LABEL } from '../../src/live/index.ts';
import type { Suspect } from '../../src/suspects/index.ts';
import { CallsiteLink } from '../components/callsite-link.tsx';
import { type HopRow, hopRows, hopRowText } from '../components/chain.ts';
import { type Column, type CopyAction, DataGrid } from '../components/data-grid.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterBox } from '../components/filter-box.tsx';
import { RevealButton } from '../components/reveal-button.tsx';
import { Summary } from '../components/summary.tsx';
import { chainAsText, suspectAsMarkdown } from '../copy/copy-text.ts';
import { revealChainNode } from '../reveal/reveal.ts';
import type { ScanState } from '../scan/scan-state.ts';

type Row =
  | { kind: 'suspect'; key: string; suspect: Suspect }
  | { kind: 'hop'; key: string; hop: HopRow; last: boolean; detached: boolean; suspect: Suspect }
  | { kind: 'fix'; key: string; text: string; suspect: Suspect };

const KIND_LABEL: Record<string, string> = {
  'detached-dom': 'Detached DOM',
  listener: 'Listener',
  timer: 'Timer',
  global: 'Global',
  image: 'Image',
  'collection-growth': 'Growing collection',
  'closure-chain': 'Closure chain',
  'closure-growth': 'Growing closure chain',
};

function evidence(s: Suspect): string {
  const parts: string[] = [];
  if (s.evidence.nodes) parts.push(`${formatCount(s.evidence.nodes)} DOM nodes`);
  if (s.evidence.bytes) parts.push(`≥ ${formatBytes(s.evidence.bytes)}`);
  else if (s.evidence.objects) parts.push(`≥ ${formatCount(s.evidence.objects)} objects`);
  if (s.evidence.detail) parts.push(s.evidence.detail);
  return parts.join(' · ');
}

function childRows(r: Row): Row[] {
  if (r.kind !== 'suspect') return [];
  const hops = r.suspect.chain ? hopRows(r.suspect.chain) : [];
  const rows: Row[] = hops.map((hop, i) => ({
    kind: 'hop',
    key: `${r.key}:h${i}`,
    suspect: r.suspect,
    hop,
    last: i === hops.length - 1,
    // The chain of a suspect that keeps a detached tree (detached-DOM, and listeners or timers that keep one: they
    // count its nodes) ends at that tree's root, which is by definition not in the document.
    detached:
      i === hops.length - 1 && (r.suspect.kind === 'detached-dom' || r.suspect.evidence.nodes !== undefined),
  }));
  if (!hops.length) {
    rows.push({
      kind: 'fix',
      key: `${r.key}:nochain`,
      suspect: r.suspect,
      text: 'No retaining chain from the page’s JavaScript was found.',
    });
  }
  rows.push({ kind: 'fix', key: `${r.key}:fix`, text: `Fix: ${r.suspect.fix}`, suspect: r.suspect });
  return rows;
}

const chainOf = (s: Suspect): HopRow[] => (s.chain ? hopRows(s.chain) : []);

/** What a user pastes into an issue: the suspect with its chain, fix and callsite. */
function markdownOf(s: Suspect): string {
  return suspectAsMarkdown({
    severity: s.severity,
    title: s.title,
    count: s.count,
    evidence: evidence(s),
    hops: chainOf(s),
    fix: s.fix,
    callsite: s.callsite,
  });
}

/** Ctrl/Cmd+C on a suspect copies it as Markdown; on a hop of its chain, the chain as text. */
function copyActions(r: Row): CopyAction[] {
  const asMarkdown = { label: 'Copy suspect as Markdown', text: () => markdownOf(r.suspect) };
  const chain = chainOf(r.suspect);
  const asChain = { label: 'Copy chain', text: () => chainAsText(chain) };
  if (r.kind === 'hop') return [asChain, asMarkdown];
  return chain.length ? [asMarkdown, asChain] : [asMarkdown];
}

/** An element hop: Reveal for one that may be in the document; the detached leaked node says why it has none. */
function HopLine({ row }: { row: Extract<Row, { kind: 'hop' }> }) {
  const element = /^<[a-z][^>]*>$/i.test(row.hop.label);
  return (
    <>
      <span class={`ls-code${row.hop.muted ? ' ls-muted' : ''}${row.last ? ' ls-leaked' : ''}`}>
        {hopRowText(row.hop)}
      </span>
      {element && row.detached && (
        <span class="ls-muted"> — detached: not in the document, so Elements cannot show it</span>
      )}
      {element && !row.detached && (
        <>
          {' '}
          <RevealButton reveal={() => revealChainNode(row.hop.label)} />
        </>
      )}
    </>
  );
}

export function SuspectsView({ state }: { state: ScanState }) {
  const [filter, setFilter] = useState('');
  const [showInfo, setShowInfo] = useState(false);

  if (state.kind === 'idle') {
    return (
      <EmptyState title="Find leak suspects">
        <b>Scan</b> forces a garbage collection, then looks for what the page still holds: detached DOM trees,
        listeners and timers whose callbacks keep them, and globals the page created by accident — each with
        the chain of references that keeps it alive. It uses Chrome’s debugger (the “started debugging” bar)
        and takes a second or two.
      </EmptyState>
    );
  }
  if (state.kind === 'running') {
    const p = state.progress;
    return (
      <EmptyState title="Scanning…">
        {p
          ? `${SCAN_PHASE_LABEL[p.phase]}${p.total ? ` (${formatCount(p.done)} of ${formatCount(p.total)})` : ''}`
          : 'Starting…'}
      </EmptyState>
    );
  }
  if (state.kind === 'error') {
    return (
      <div class="ls-view ls-scroll">
        <div class="ls-empty" role="alert" data-testid="scan-error">
          <h2>The scan stopped</h2>
          <p>{state.message}</p>
        </div>
      </div>
    );
  }

  const { result, suspects } = state;
  const needle = filter.trim().toLowerCase();
  const visible = suspects.filter(
    (s) =>
      (showInfo || s.severity !== 'info') &&
      (!needle || `${s.title} ${s.kind} ${s.fix} ${evidence(s)}`.toLowerCase().includes(needle)),
  );
  const infoCount = suspects.filter((s) => s.severity === 'info').length;
  const rows: Row[] = visible.map((s) => ({ kind: 'suspect', key: s.shape, suspect: s }));

  const columns: Column<Row>[] = [
    {
      id: 'severity',
      title: 'Severity',
      width: 90,
      render: (r) =>
        r.kind === 'suspect' ? (
          <span class={`ls-sev ls-sev-${r.suspect.severity}`}>{r.suspect.severity}</span>
        ) : (
          ''
        ),
      sortValue: (r) =>
        r.kind === 'suspect' ? ['info', 'low', 'medium', 'high'].indexOf(r.suspect.severity) : 0,
    },
    {
      id: 'title',
      title: 'Suspect',
      width: 420,
      minWidth: 170,
      render: (r) =>
        r.kind === 'suspect' ? (
          <>
            {r.suspect.title}
            {r.suspect.count > 1 && <span class="ls-flag ls-times">×{formatCount(r.suspect.count)}</span>}
          </>
        ) : (
          ''
        ),
      // The tooltip carries what a narrow panel's hidden columns would have said.
      title_: (r) =>
        r.kind === 'suspect'
          ? `${r.suspect.title}\n${KIND_LABEL[r.suspect.kind] ?? r.suspect.kind} · ${evidence(r.suspect)}`
          : '',
      sortValue: (r) => (r.kind === 'suspect' ? r.suspect.title : ''),
    },
    {
      id: 'kind',
      title: 'Kind',
      width: 110,
      priority: 4,
      render: (r) => (r.kind === 'suspect' ? (KIND_LABEL[r.suspect.kind] ?? r.suspect.kind) : ''),
      sortValue: (r) => (r.kind === 'suspect' ? r.suspect.kind : ''),
    },
    {
      id: 'evidence',
      title: 'Evidence',
      width: 260,
      minWidth: 150,
      priority: 2,
      render: (r) => (r.kind === 'suspect' ? evidence(r.suspect) : ''),
      title_: (r) => (r.kind === 'suspect' ? evidence(r.suspect) : ''),
    },
    {
      id: 'callsite',
      title: 'Callsite',
      className: 'ls-code',
      minWidth: 140,
      priority: 3,
      render: (r) => (r.kind === 'suspect' ? <CallsiteLink callsite={r.suspect.callsite} /> : ''),
    },
  ];

  const stats = result.search;
  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <FilterBox
          label="Filter suspects"
          placeholder="Filter suspects"
          value={filter}
          onChange={setFilter}
        />
        <label class="ls-check">
          <input
            type="checkbox"
            checked={showInfo}
            onChange={(e) => setShowInfo((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Show info ({formatCount(infoCount)})
        </label>
        <Summary testid="scan-summary">
          {formatCount(suspects.length - infoCount)} suspects · checked {formatCount(result.detached.length)}{' '}
          detached trees, {formatCount(result.listeners.length)} listeners,{' '}
          {result.timers ? formatCount(result.timers.length) : 'no'} timers,{' '}
          {formatCount(result.globals.length)} globals · {formatCount(stats.objects)} objects walked in{' '}
          {formatDuration(result.ms)}
          {stats.complete ? '' : ` · stopped at the ${stats.budgetHit ?? ''} budget`}
        </Summary>
      </div>
      {rows.length ? (
        <DataGrid
          label="Suspects"
          rows={rows}
          columns={columns}
          rowKey={(r) => r.key}
          children={childRows}
          copyActions={copyActions}
          childTitle={(r) => (r.kind === 'hop' ? hopRowText(r.hop) : r.kind === 'fix' ? r.text : '')}
          childRow={(r) =>
            r.kind === 'hop' ? (
              <HopLine row={r} />
            ) : r.kind === 'fix' ? (
              <span class="ls-fix">{r.text}</span>
            ) : null
          }
          rowAttributes={(r): Record<string, string> =>
            r.kind === 'suspect' ? { 'data-kind': r.suspect.kind, 'data-severity': r.suspect.severity } : {}
          }
        />
      ) : (
        <div class="ls-empty" role="status" data-testid="no-suspects">
          <h2>No suspects</h2>
          <p>
            Checked {formatCount(result.detached.length)} detached DOM trees,{' '}
            {formatCount(result.listeners.length)} listeners,{' '}
            {result.timers ? formatCount(result.timers.length) : 'no'} timers and{' '}
            {formatCount(result.globals.length)} globals: nothing looks like a leak right now. Repeat the
            action you suspect a few times and scan again.
          </p>
        </div>
      )}
      {result.notes.length > 0 && (
        <div class="ls-kv ls-notes">
          {result.notes.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </div>
      )}
    </div>
  );
}
