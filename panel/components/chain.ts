/**
 * A retainer chain as the views show it, whatever produced it (a heap snapshot, the live scan): one hop per
 * line, root first, the leaked object last. Every string in it is page data and is rendered as text.
 */
export interface ChainHop {
  /** How the previous object holds this one: `.cellIndex`, `[12]`, `closure variable dlg`; null for the root. */
  edge: string | null;
  /** Edge category, for emphasis: property, element, context, internal, listener, timer, … */
  edgeKind: string | null;
  /** The object reached: `Map`, `<td#total>`, `onResize()`. */
  label: string;
  /** Engine-internal or built-in hop: shown muted so the user's own names stand out. */
  muted: boolean;
}

/** One line of text for a hop, used in grids, tooltips and copy actions. */
export function hopText(hop: ChainHop): string {
  return hop.edge === null ? hop.label : `${hop.edge} → ${hop.label}`;
}

/** The whole chain on one line: `Window → .cellIndex → Map → … → <table>`. */
export function chainText(hops: readonly ChainHop[]): string {
  return hops.map((h, i) => (i === 0 || h.edge === null ? h.label : `${h.edge} → ${h.label}`)).join(' → ');
}
