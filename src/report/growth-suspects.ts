/**
 * In an audit, steady growth per iteration is itself a suspect: +1 'resize' listener, +1 detached tree, +1 Map entry,
 * +1 MB retained every time the action is repeated. Each gets a severity (severityForGrowth), so `--fail-on` gates on
 * it, and ranks above findings that stay constant. Pure: built from the iterations (and the heap snapshots' totals).
 */
import { formatBytes, formatCount } from '../format.ts';
import type { DiffResult } from '../heap/result.ts';
import { chainShape } from '../suspects/format.ts';
import { severityForGrowth } from '../suspects/rules/thresholds.ts';
import { analyzeGrowth } from './growth.ts';
import { hopsFromHeap } from './hops.ts';
import { type AuditIteration, clampString, type ReportSuspect, SEVERITIES, type Severity } from './model.ts';
import { type Steady, steadyGrowth } from './steady.ts';

/** Bytes per iteration below which heap growth is not a step (allocation noise, lazily compiled code). */
const MIN_BYTES_STEP = 16 * 1024;
/** Hops of a heap-diff chain shown for memory growth. */
const HEAP_CHAIN_HOPS = 8;

/** Chrome counters that tell a leak by themselves; the rest (layout, style counts…) follow from these. */
const LEAK_COUNTERS: Record<string, { label: string; measure: Measure }> = {
  Nodes: { label: 'DOM nodes', measure: 'nodes' },
  JSEventListeners: { label: 'JS event listeners', measure: 'count' },
  Documents: { label: 'Documents', measure: 'count' },
  Frames: { label: 'Frames', measure: 'count' },
  ArrayBufferContents: { label: 'ArrayBuffer backing stores', measure: 'count' },
  WorkerGlobalScopes: { label: 'Workers', measure: 'count' },
};

type Measure = 'bytes' | 'nodes' | 'count';
/** severityForGrowth for one measure; a steady growth is never below `low`'s step, so null does not happen here. */
function grade(measure: Measure, perIteration: number): Severity {
  const g =
    measure === 'bytes'
      ? { bytesPerIteration: perIteration }
      : measure === 'nodes'
        ? { nodesPerIteration: perIteration }
        : { countPerIteration: perIteration };
  return severityForGrowth(g) ?? 'info';
}

const FIX = {
  listeners:
    'Remove the listener when the view goes away: removeEventListener with the same function, or pass an AbortController signal to addEventListener and abort it on teardown.',
  detached:
    'Find what still references the removed nodes (the chain, or the heap snapshot diff) and drop it when the view is torn down.',
  dom: 'Something adds nodes to the document on every repetition and never removes them: remove them on teardown, or reuse one.',
  timers:
    'Clear the timer on teardown (clearInterval / clearTimeout / cancelAnimationFrame with the id you kept).',
  collection:
    'Bound it: delete the entry when what it belongs to goes away, cap it (an LRU), or key it by the owning object in a WeakMap.',
  memory:
    'Something keeps the data each repetition allocates: follow the chain of the heap diff group below, and drop the reference on teardown.',
  counter: 'Find what the action creates and never releases, and release it on teardown.',
};

interface Grown {
  suspect: ReportSuspect;
  rank: number;
}

const grew = (values: readonly number[], s: Steady) => ({
  perIteration: s.perIteration,
  values: [...values],
});

const plural = (unit: string, n: number) =>
  n === 1 ? unit : unit.endsWith('y') ? `${unit.slice(0, -1)}ies` : `${unit}s`;

const max = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b);

function over(values: readonly number[], s: Steady, unit = formatCount): string {
  return `${values.map((v) => unit(v)).join(' → ')} over ${s.iterations} iterations`;
}

function suspect(
  kind: string,
  severity: Severity,
  title: string,
  detail: string,
  fix: string,
  shape: string,
  extra: Partial<ReportSuspect> = {},
): ReportSuspect {
  return {
    kind,
    severity,
    title: clampString(title),
    count: 1,
    nodes: null,
    bytes: null,
    detail: clampString(detail),
    chain: null,
    callsite: null,
    fix,
    shape: clampString(shape),
    ...extra,
  };
}

/** Growth of the retained heap (ArrayBuffer backing stores included) from the baseline/target/final snapshots. */
function heapBytes(diff: DiffResult | null | undefined, iterations: number): Steady | null {
  const t = diff?.totalSizes;
  if (!t || t.length < 3 || iterations < 3) return null;
  const first = t[1] - t[0];
  const rest = (t[2] - t[1]) / (iterations - 1);
  const lo = Math.min(first, rest);
  if (lo < MIN_BYTES_STEP || Math.max(first, rest) > 2 * lo) return null;
  return { perIteration: (t[2] - t[0]) / iterations, iterations };
}

/**
 * The heap totals' growth, only when objects kept since iteration 1 account for at least a quarter of it. Compiled
 * code, feedback and the engine's caches make totals drift by tens of KiB per iteration on a page that keeps
 * nothing; measured on the router listeners fixture: +18 KiB per iteration in 2 of 6 runs with 78 B kept.
 */
function keptBytesExplain(bytes: Steady | null, diff: DiffResult | null | undefined): Steady | null {
  if (!bytes || !diff) return bytes;
  const kept = diff.groups.reduce((sum, g) => sum + g.retainedSize, 0);
  return kept * 4 >= bytes.perIteration ? bytes : null;
}

/** `0 → 1 → 2 → 3 (+1 per iteration)`, in bytes for memory growth: how a growing suspect grew, for the exports. */
export function growthValues(s: ReportSuspect): string {
  if (!s.growth) return '';
  const fmt = s.kind === 'memory-growth' ? formatBytes : formatCount;
  return `${s.growth.values.map((v) => fmt(v)).join(' → ')} (+${fmt(s.growth.perIteration)} per iteration)`;
}

/** The listener types a suspect is about: its chain's `'resize' listener`, or `('click', 'input') still registered`. */
function listenerTypesOf(s: ReportSuspect): string[] {
  if (s.kind !== 'listener') return [];
  const first = /^'(.+)' listener$/.exec(s.chain?.[0]?.edge ?? '');
  const onRemoved = /\(((?:'[^']*'(?:, )?)+)\) still registered/.exec(s.title);
  const types = first ? [first[1]] : [];
  for (const m of onRemoved?.[1].matchAll(/'([^']*)'/g) ?? []) types.push(m[1]);
  return types;
}

export interface GrowthSuspectInput {
  iterations: readonly AuditIteration[];
  /** The last scan's suspects. */
  suspects: readonly ReportSuspect[];
  /** The audit's heap-snapshot diff (baseline, after iteration 1, after the last), when taken. */
  diff?: DiffResult | null;
}

/**
 * The audit's suspects: steady growth first (most severe first), then the last scan's suspects that did not grow.
 * A last-scan suspect that itself grew every iteration (×1, ×2, ×3 …) moves up with its chain, at least `low`.
 */
export function auditSuspects(input: GrowthSuspectInput): ReportSuspect[] {
  const { iterations } = input;
  const n = iterations.length - 1;
  const grown: Grown[] = [];
  const promoted = new Set<string>();
  const rows = analyzeGrowth(iterations);
  const steadyRows = rows
    .map((r) => ({ r, s: steadyGrowth(r.values, r.kind === 'heap' ? MIN_BYTES_STEP : 1) }))
    .filter((x): x is { r: (typeof rows)[number]; s: Steady } => x.s !== null);
  const byShape = new Map(input.suspects.map((s) => [s.shape, s]));
  const coveredListenerTypes = new Set<string>();
  let detachedCovered = false;
  let timersCovered = false;

  // 1. Suspects the scan already explains, growing in number: the best evidence (chain, callsite, fix).
  for (const { r, s } of steadyRows) {
    if (r.kind !== 'suspect') continue;
    const found = byShape.get(r.key.slice('suspect:'.length));
    if (!found) continue;
    promoted.add(found.shape);
    for (const type of listenerTypesOf(found)) coveredListenerTypes.add(type);
    if (found.nodes !== null) detachedCovered = true;
    if (found.kind === 'timer') timersCovered = true;
    grown.push({
      rank: 0,
      suspect: {
        ...found,
        severity: max(found.severity, 'low'),
        growth: grew(r.values, s),
        detail: clampString(
          `${found.detail ? `${found.detail}; ` : ''}grows every iteration: ×${over(r.values, s)}`,
        ),
      },
    });
  }

  // 2. Collections, wherever the scan found them, by path.
  const lastCollections = new Map((iterations[n]?.collections ?? []).map((c) => [c.path, c]));
  for (const [path, last] of lastCollections) {
    const values = iterations.map((it) => it.collections?.find((c) => c.path === path)?.size ?? 0);
    const s = steadyGrowth(values);
    if (!s) continue;
    const shape = chainShape('collection-growth', null, path);
    const unit = last.kind === 'Array' ? 'element' : last.kind === 'Object' ? 'key' : 'entry';
    const live = byShape.get(shape);
    if (live) promoted.add(shape);
    const severity = grade('count', s.perIteration);
    grown.push({
      rank: 1,
      suspect: live
        ? { ...live, severity: max(live.severity, severity), growth: grew(values, s) }
        : suspect(
            'collection-growth',
            severity,
            `\`${path}\` (${last.kind}) grows by ${formatCount(s.perIteration)} ${plural(unit, s.perIteration)} every iteration`,
            `sizes: ${over(values, s)}`,
            FIX.collection,
            shape,
            { chain: last.chain.length > 0 ? last.chain : null, growth: grew(values, s) },
          ),
    });
  }

  // 3. Raw measures the scan counts but no suspect above explains.
  let listenerSteps = 0;
  for (const { r, s } of steadyRows) {
    if (r.kind === 'listeners') {
      const type = r.key.slice('listeners:'.length);
      listenerSteps += s.perIteration;
      if (coveredListenerTypes.has(type)) continue;
      grown.push({
        rank: 2,
        suspect: suspect(
          'listener-growth',
          grade('count', s.perIteration),
          `${formatCount(s.perIteration)} more '${type}' listener${s.perIteration === 1 ? '' : 's'} every iteration, never removed`,
          `'${type}' listeners on window, document and its nodes: ${over(r.values, s)}`,
          FIX.listeners,
          `growth:${r.key}`,
          { growth: grew(r.values, s) },
        ),
      });
    } else if (r.kind === 'detached' && !detachedCovered) {
      detachedCovered = true;
      grown.push({
        rank: 2,
        suspect: suspect(
          'detached-growth',
          grade('nodes', s.perIteration),
          `${formatCount(s.perIteration)} more detached DOM tree${s.perIteration === 1 ? '' : 's'} every iteration`,
          `detached trees: ${over(r.values, s)}`,
          FIX.detached,
          `growth:${r.key}`,
          { growth: grew(r.values, s) },
        ),
      });
    } else if (r.kind === 'timers' && !timersCovered) {
      grown.push({
        rank: 2,
        suspect: suspect(
          'timer-growth',
          grade('count', s.perIteration),
          `${formatCount(s.perIteration)} more live timer${s.perIteration === 1 ? '' : 's'} every iteration`,
          `intervals, pending timeouts and animation frames: ${over(r.values, s)}`,
          FIX.timers,
          `growth:${r.key}`,
          { growth: grew(r.values, s) },
        ),
      });
    }
  }

  // 4. Chrome's counters, for what the scan cannot list (listeners on a BroadcastChannel, nodes in the document).
  for (const { r, s } of steadyRows) {
    if (r.kind !== 'counter') continue;
    const name = r.key.slice('counter:'.length);
    const c = LEAK_COUNTERS[name];
    if (!c) continue;
    let step = s.perIteration;
    let note = '';
    if (name === 'JSEventListeners') {
      // The scan lists listeners on window, document and nodes; Chrome counts every EventTarget's.
      step -= listenerSteps;
      if (step < 1) continue;
      note = listenerSteps > 0 ? ` (${formatCount(listenerSteps)} of them on window, document or nodes)` : '';
    } else if (name === 'Nodes' && detachedCovered) continue;
    else if (name === 'ArrayBufferContents' && keptBytesExplain(heapBytes(input.diff, n), input.diff))
      continue;
    const where =
      name === 'JSEventListeners'
        ? `on targets the scan does not list (a BroadcastChannel, a worker, an XMLHttpRequest, …): Chrome counts ${formatCount(s.perIteration)} more JS event listeners every iteration${note}`
        : `${c.label} (Chrome's counter) every iteration`;
    grown.push({
      rank: 3,
      suspect: suspect(
        name === 'Nodes' ? 'dom-growth' : name === 'JSEventListeners' ? 'listener-growth' : 'counter-growth',
        grade(c.measure, step),
        name === 'JSEventListeners'
          ? `${formatCount(step)} more listener${step === 1 ? '' : 's'} every iteration ${where}`
          : `${formatCount(step)} more ${where}`,
        `${name}: ${over(r.values, s)}`,
        name === 'Nodes' ? FIX.dom : name === 'JSEventListeners' ? FIX.listeners : FIX.counter,
        `growth:${r.key}`,
        { growth: { perIteration: step, values: [...r.values] } },
      ),
    });
  }

  // 5. Retained bytes: the heap snapshots (backing stores included) when taken, else Chrome's JS heap counter.
  const bytes = keptBytesExplain(heapBytes(input.diff, n), input.diff);
  const heapRow = steadyRows.find((x) => x.r.kind === 'heap');
  if (bytes && input.diff) {
    const t = input.diff.totalSizes;
    const biggest = [...input.diff.groups].sort((a, b) => b.retainedSize - a.retainedSize)[0];
    grown.push({
      rank: 4,
      suspect: suspect(
        'memory-growth',
        grade('bytes', bytes.perIteration),
        `${formatBytes(bytes.perIteration)} more memory retained every iteration`,
        `heap snapshots (JS heap and ArrayBuffer backing stores): ${t.map(formatBytes).join(' → ')} (baseline, after iteration 1, after iteration ${n})` +
          (biggest
            ? `; largest group kept since iteration 1: ${biggest.className} ×${biggest.count}, ${formatBytes(biggest.retainedSize)}`
            : ''),
        FIX.memory,
        'growth:heap-snapshots',
        {
          bytes: Math.round(bytes.perIteration),
          // The steps nearest the object say what keeps it; the engine's internals above them do not.
          chain: biggest ? hopsFromHeap(biggest.sampleChain).slice(-HEAP_CHAIN_HOPS) : null,
          growth: { perIteration: bytes.perIteration, values: [...t] },
        },
      ),
    });
  } else if (heapRow && !input.diff) {
    grown.push({
      rank: 4,
      suspect: suspect(
        'memory-growth',
        grade('bytes', heapRow.s.perIteration),
        `${formatBytes(heapRow.s.perIteration)} more JS heap used every iteration`,
        `JS heap used after a forced GC: ${over(heapRow.r.values, heapRow.s, formatBytes)}`,
        FIX.memory,
        'growth:jsHeapUsed',
        { bytes: Math.round(heapRow.s.perIteration), growth: grew(heapRow.r.values, heapRow.s) },
      ),
    });
  }

  grown.sort(
    (a, b) =>
      SEVERITIES.indexOf(b.suspect.severity) - SEVERITIES.indexOf(a.suspect.severity) || a.rank - b.rank,
  );
  const constant = input.suspects.filter((s) => !promoted.has(s.shape));
  return [...grown.map((g) => g.suspect), ...constant];
}
