/**
 * Retainer chains: one hop type for the live scan, the heap engine's chains (once converted), suspects, reports,
 * the panel and the command line, and one way to put a chain in words.
 */

/** How one object holds the next in a retainer chain. */
export type EdgeKind =
  | 'property'
  | 'closure-variable'
  | 'map-entry'
  | 'set-entry'
  | 'element'
  | 'listener'
  | 'timer'
  | 'observer'
  | 'expando'
  | 'global'
  | 'lexical'
  | 'bound'
  | 'private'
  | 'internal';

export const EDGE_KINDS: readonly EdgeKind[] = [
  'property',
  'closure-variable',
  'map-entry',
  'set-entry',
  'element',
  'listener',
  'timer',
  'observer',
  'expando',
  'global',
  'lexical',
  'bound',
  'private',
  'internal',
];

/**
 * One step of a chain: `holder` keeps `object` alive through `edge`. `edge` is the name as the page wrote it
 * (`dlg`, `4`, `'resize' listener`); `edgeText` puts it in words. Root first, the leaked object last.
 */
export interface Hop {
  holder: string;
  edge: string;
  edgeKind: EdgeKind;
  object: string;
}

/** How a hop's edge reads to a person: `closure variable dlg`, `Map entry 'total'`, `Set entry`, `[4]`, `el`. */
export function edgeText(h: Pick<Hop, 'edge' | 'edgeKind'>): string {
  switch (h.edgeKind) {
    case 'closure-variable':
      return `closure variable ${h.edge}`;
    case 'map-entry':
      return `Map entry ${h.edge}`;
    case 'set-entry':
      return `Set entry ${h.edge}`;
    case 'element':
      return /^\d+$/.test(h.edge) ? `[${h.edge}]` : h.edge;
    default:
      return h.edge;
  }
}

/** `window → 'resize' listener → onResize() → closure variable dlg → <section class="dialog">` */
export function chainText(chain: readonly Hop[]): string {
  if (chain.length === 0) return '';
  const parts = [chain[0].holder];
  for (const h of chain) {
    const edge = edgeText(h);
    if (edge) parts.push(edge);
    parts.push(h.object);
  }
  return parts.join(' → ');
}

/** Engine-internal hops: shown muted so the page's own names stand out. */
export const isMuted = (h: Hop): boolean => h.edgeKind === 'internal';
