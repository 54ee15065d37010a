import {
  type Definitions,
  type LiveListener,
  listenerCallsite,
  NO_DEFINITIONS,
} from '../../src/registry/index.ts';
import type { Suspect } from '../../src/suspects/index.ts';
import { hopRows } from '../components/chain.ts';
import type { SelectedNode } from './selected-node.ts';

/** What the Elements pane shows for the selected node, answered by the panel from what it recorded. */
export interface NodeReport {
  listeners: Pick<
    LiveListener,
    'id' | 'type' | 'handler' | 'callsite' | 'capture' | 'once' | 'passive' | 'signal'
  >[];
  /** null before the first scan of this page. */
  scan: null | {
    at: number;
    /** Suspects whose retainer chain passes through this node. */
    onChains: { title: string; severity: string }[];
  };
}

/**
 * Whether the hook's `shown` label (maybe cut with '…' at its length limits) names the element whose full
 * label is `full`: the parts between cuts appear in `full` in order, the first at its start.
 */
export function labelMatches(shown: string, full: string): boolean {
  if (shown === full) return true;
  if (!shown.includes('…')) return false;
  const parts = shown.replace(/>$/, '').split('…');
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const k = full.indexOf(parts[i], at);
    if (k < 0 || (i === 0 && k !== 0)) return false;
    at = k + parts[i].length;
  }
  return true;
}

export function nodeReport(
  node: SelectedNode,
  listeners: readonly LiveListener[],
  scan: { at: number; suspects: readonly Suspect[] } | null,
  definitions: Definitions = NO_DEFINITIONS,
): NodeReport {
  const mine = listeners.filter(
    (l) =>
      !l.targetDetached &&
      (!node.frameUrl || !l.frameUrl || l.frameUrl === node.frameUrl) &&
      labelMatches(l.target, node.listenerLabel),
  );
  const labels = new Set(node.chainLabels);
  return {
    listeners: mine.map((l) => ({
      id: l.id,
      type: l.type,
      handler: l.handler,
      // Registered before the panel connected: where the last scan found the handler defined.
      callsite: listenerCallsite(l, definitions),
      capture: l.capture,
      once: l.once,
      passive: l.passive,
      signal: l.signal,
    })),
    scan: scan && {
      at: scan.at,
      onChains: scan.suspects
        .filter((s) => s.chain && hopRows(s.chain).some((h) => labels.has(h.label)))
        .map((s) => ({ title: s.title, severity: s.severity })),
    },
  };
}
