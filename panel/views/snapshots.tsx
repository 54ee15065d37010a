import { useRef, useState } from 'preact/hooks';
import { chainText } from '../../src/chain.ts';
import { formatBytes, formatCount, formatDuration } from '../../src/format.ts';
import { type AnalysisResult, heapHops, type NodeRef, type RetainerChain } from '../../src/heap/index.ts';
import { type HopRow, hopRows, hopRowText } from '../components/chain.ts';
import { type Column, DataGrid } from '../components/data-grid.tsx';
import { Summary } from '../components/summary.tsx';
import type { SnapshotState } from '../snapshots/snapshot-state.ts';

export interface SnapshotActions {
  importFiles(files: File[]): void;
  cancel(): void;
}

type Section = 'detached' | 'diff' | 'largest' | 'classes' | 'closures';

/** A grid row: an item of a result list, or one hop of its retainer chain (shown when the item is expanded). */
type Row =
  | { kind: 'item'; key: string; cells: Record<string, string | number>; hops: HopRow[] }
  | { kind: 'hop'; key: string; hop: HopRow; depth: number };

function itemRow(key: string, cells: Record<string, string | number>, chain: RetainerChain | null): Row {
  return { kind: 'item', key, cells, hops: chain ? hopRows(heapHops(chain)) : [] };
}

function nodeText(n: NodeRef): string {
  const dom = n.className.startsWith('<') || n.className.startsWith('Detached <');
  return dom || n.className === n.name || !n.name ? n.className : `${n.className} ${n.name}`;
}

interface SectionSpec {
  id: Section;
  label: string;
  count: number;
  columns: { id: string; title: string; width?: number; align?: 'right'; bytes?: boolean; sort?: boolean }[];
  rows: Row[];
  empty: string;
}

function sections(result: AnalysisResult): SectionSpec[] {
  const specs: SectionSpec[] = [];
  if (result.diff) {
    specs.push({
      id: 'diff',
      label: 'Leaked between snapshots',
      count: result.diff.groups.length,
      columns: [
        { id: 'className', title: 'Class', width: 200 },
        { id: 'count', title: 'Count', width: 70, align: 'right', sort: true },
        { id: 'retainedSize', title: 'Retained', width: 90, align: 'right', bytes: true, sort: true },
        { id: 'shape', title: 'Retained through' },
      ],
      rows: result.diff.groups.map((g, i) =>
        itemRow(
          `diff${i}`,
          { className: g.className, count: g.count, retainedSize: g.retainedSize, shape: g.shape },
          g.sampleChain,
        ),
      ),
      empty:
        'Nothing allocated in the target snapshot is still alive in the final one. The action you repeated did not leak.',
    });
  }
  specs.push(
    {
      id: 'detached',
      label: 'Detached DOM',
      count: result.detachedTrees.length,
      columns: [
        { id: 'root', title: 'Detached tree', width: 220 },
        { id: 'nodeCount', title: 'Nodes', width: 70, align: 'right', sort: true },
        { id: 'retainedSize', title: 'Retained', width: 90, align: 'right', bytes: true, sort: true },
        { id: 'holder', title: 'Held by' },
      ],
      rows: result.detachedTrees.map((t, i) =>
        itemRow(
          `tree${i}`,
          {
            root: nodeText(t.root),
            nodeCount: t.nodeCount,
            retainedSize: t.retainedSize,
            holder: t.chain.length ? chainText(heapHops(t.chain)) : 'no retaining path from JavaScript',
          },
          t.chain,
        ),
      ),
      empty:
        'No detached DOM trees in this snapshot: every DOM node JavaScript holds is still in its document.',
    },
    {
      id: 'largest',
      label: 'Largest objects',
      count: result.largest.length,
      columns: [
        { id: 'object', title: 'Object', width: 260 },
        { id: 'retainedSize', title: 'Retained', width: 90, align: 'right', bytes: true, sort: true },
        { id: 'selfSize', title: 'Self', width: 80, align: 'right', bytes: true, sort: true },
        { id: 'path', title: 'Retained through' },
      ],
      rows: result.largest.map((l, i) =>
        itemRow(
          `big${i}`,
          {
            object: nodeText(l.node),
            retainedSize: l.node.retainedSize,
            selfSize: l.node.selfSize,
            path: chainText(heapHops(l.chain)),
          },
          l.chain,
        ),
      ),
      empty: 'No objects.',
    },
    {
      id: 'classes',
      label: 'Classes',
      count: result.classes.length,
      columns: [
        { id: 'className', title: 'Class', width: 320 },
        { id: 'count', title: 'Count', width: 90, align: 'right', sort: true },
        { id: 'selfSize', title: 'Self size', width: 100, align: 'right', bytes: true, sort: true },
        { id: 'retainedSize', title: 'Retained size', align: 'right', bytes: true, sort: true },
      ],
      rows: result.classes.map((c, i) =>
        itemRow(
          `class${i}`,
          { className: c.className, count: c.count, selfSize: c.selfSize, retainedSize: c.retainedSize },
          null,
        ),
      ),
      empty: 'No classes.',
    },
    {
      id: 'closures',
      label: 'Closures',
      count: result.closures.length,
      columns: [
        { id: 'fn', title: 'Function', width: 200 },
        { id: 'sharedBy', title: 'Sharing', width: 70, align: 'right', sort: true },
        { id: 'capturedSize', title: 'Captured', width: 90, align: 'right', bytes: true, sort: true },
        { id: 'vars', title: 'Captured variables' },
      ],
      rows: result.closures.map((c, i) =>
        itemRow(
          `fn${i}`,
          {
            fn: `${c.functionName || '(anonymous)'}()${c.location ? ` line ${c.location.line}` : ''}`,
            sharedBy: c.sharedBy,
            capturedSize: c.capturedSize,
            vars: c.captured.map((v) => `${v.name}: ${v.node.className}`).join(', '),
          },
          c.chain,
        ),
      ),
      empty: 'No closures that capture variables.',
    },
  );
  return specs;
}

function ResultGrid({ spec }: { spec: SectionSpec }) {
  const columns: Column<Row>[] = spec.columns.map((c, i) => ({
    id: c.id,
    title: c.title,
    width: c.width,
    // The name column shrinks; extra numbers give way (rightmost first) before the "retained through" text.
    minWidth: i === 0 ? Math.min(c.width ?? 140, 140) : c.width === undefined ? 120 : c.width,
    priority: i === 0 || i === 1 ? 1 : i === spec.columns.length - 1 ? 2 : 3,
    align: c.align,
    className: i === 0 || c.id === 'shape' || c.id === 'path' || c.id === 'holder' ? 'ls-code' : undefined,
    render: (r: Row) => {
      if (r.kind === 'hop') {
        if (i !== 0) return '';
        return <span class={r.hop.muted ? 'ls-muted' : undefined}>{hopRowText(r.hop)}</span>;
      }
      const v = r.cells[c.id];
      return typeof v === 'number' ? (c.bytes ? formatBytes(v) : formatCount(v)) : v;
    },
    title_: (r: Row) => (r.kind === 'hop' ? hopRowText(r.hop) : String(r.cells[c.id] ?? '')),
    sortValue: c.sort ? (r: Row) => (r.kind === 'item' ? Number(r.cells[c.id]) : 0) : undefined,
  }));
  return (
    <DataGrid
      label={spec.label}
      rows={spec.rows}
      columns={columns}
      rowKey={(r) => r.key}
      children={(r) =>
        r.kind === 'item'
          ? r.hops.map((hop, i) => ({ kind: 'hop', key: `${r.key}:${i}`, hop, depth: 1 }) as Row)
          : []
      }
      childRow={(r) =>
        r.kind === 'hop' ? (
          <span class={r.hop.muted ? 'ls-muted ls-code' : 'ls-code'}>{hopRowText(r.hop)}</span>
        ) : null
      }
    />
  );
}

export function SnapshotsView({ state, actions }: { state: SnapshotState; actions: SnapshotActions }) {
  const input = useRef<HTMLInputElement>(null);
  const [section, setSection] = useState<Section | null>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) actions.importFiles(files);
  };

  const toolbar = (
    <div class="ls-view-toolbar">
      <button
        type="button"
        class="ls-button"
        onClick={() => input.current?.click()}
        disabled={state.kind === 'loading'}
      >
        Import snapshot…
      </button>
      <input
        ref={input}
        type="file"
        accept=".heapsnapshot,application/json"
        multiple
        hidden
        aria-label="Heap snapshot files"
        onChange={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          const files = [...(el.files ?? [])];
          el.value = '';
          if (files.length) actions.importFiles(files);
        }}
      />
      {state.kind === 'loading' && (
        <>
          <div
            class="ls-progress-bar"
            role="progressbar"
            aria-label="Analysing snapshot"
            aria-valuenow={Math.round(state.fraction * 100)}
          >
            <div style={{ width: `${Math.round(state.fraction * 100)}%` }} />
          </div>
          <Summary>{state.phase}</Summary>
          <button type="button" class="ls-button" onClick={() => actions.cancel()}>
            Cancel
          </button>
        </>
      )}
      {state.kind === 'done' && (
        <Summary testid="snapshot-summary">
          {state.files.join(', ')} · {formatCount(state.result.summary.nodeCount)} objects ·{' '}
          {formatBytes(state.result.summary.totalSize)} · analysed in {formatDuration(state.ms)}
        </Summary>
      )}
    </div>
  );

  let body: preact.ComponentChildren;
  if (state.kind === 'done') {
    const specs = sections(state.result);
    const current = specs.find((s) => s.id === section) ?? specs[0];
    body = (
      <>
        <div class="ls-tabs ls-subtabs" role="tablist" aria-label="Snapshot results">
          {specs.map((s) => (
            <button
              type="button"
              role="tab"
              key={s.id}
              class="ls-tab"
              data-section={s.id}
              title={`${s.label} ${formatCount(s.count)}`}
              aria-selected={current.id === s.id ? 'true' : 'false'}
              onClick={() => setSection(s.id)}
            >
              {s.label}
              <span class="ls-count">{formatCount(s.count)}</span>
            </button>
          ))}
        </div>
        {current.rows.length ? (
          <ResultGrid key={current.id} spec={current} />
        ) : (
          <div class="ls-empty" role="status">
            {current.empty}
          </div>
        )}
      </>
    );
  } else if (state.kind === 'error') {
    body = (
      <div class="ls-empty" role="alert" data-testid="snapshot-error">
        <h2>Could not analyse {state.files.join(', ')}</h2>
        <p>{state.message}</p>
      </div>
    );
  } else {
    body = (
      <div class="ls-empty">
        <h2>Analyse heap snapshots</h2>
        <p>
          Chrome does not let extensions take heap snapshots, but you can import one: in DevTools’{' '}
          <b>Memory</b> panel take a heap snapshot and save it (or write one from Node with{' '}
          <code>v8.writeHeapSnapshot()</code>), then drop the
          <code>.heapsnapshot</code> file here. Import three — baseline, after an action, after repeating it —
          to see exactly what the action leaked.
        </p>
      </div>
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for files; the Import button is the keyboard path.
    <div
      class={`ls-view${dragging ? ' ls-dropping' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {toolbar}
      {body}
    </div>
  );
}
