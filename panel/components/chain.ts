import { edgeText, type Hop, isMuted } from '../../src/chain.ts';

/**
 * A retainer chain as the views show it, whatever produced it (the live scan, a heap snapshot, a report): the root
 * on the first row, then one row per hop (`edge → object`). Every string in it is page data, rendered as text.
 */
export interface HopRow {
  /** How the previous object holds this one, in words: `closure variable dlg`, `[12]`; null for the root. */
  edge: string | null;
  edgeKind: Hop['edgeKind'] | null;
  /** The object reached: `Map`, `<td#total>`, `onResize()`. */
  label: string;
  /** Engine-internal hop: shown muted so the user's own names stand out. */
  muted: boolean;
}

export function hopRows(chain: readonly Hop[]): HopRow[] {
  if (!chain.length) return [];
  const rows: HopRow[] = [{ edge: null, edgeKind: null, label: chain[0].holder, muted: false }];
  for (const h of chain)
    rows.push({ edge: edgeText(h), edgeKind: h.edgeKind, label: h.object, muted: isMuted(h) });
  return rows;
}

/** One line of text for a row, used in grids, tooltips and copy actions. */
export function hopRowText(row: HopRow): string {
  return row.edge === null ? row.label : `${row.edge} → ${row.label}`;
}
