import type { ChainHop } from './types.ts';

/** `window → 'resize' listener → onResize() → closure variable dlg → <section class="dialog">` */
export function formatChain(chain: readonly ChainHop[]): string {
  if (chain.length === 0) return '';
  const parts = [chain[0].holder];
  for (const h of chain) {
    const edge =
      h.edgeKind === 'closure-variable'
        ? `closure variable ${h.edge}`
        : h.edgeKind === 'map-entry'
          ? `Map entry ${h.edge}`
          : h.edge;
    parts.push(edge, h.object);
  }
  return parts.join(' → ');
}

/** Numbers, ids and quoted keys vary between otherwise identical chains; the shape ignores them. */
function normalize(s: string): string {
  return s
    .replace(/#\d+/g, '#N')
    .replace(/\b\d+\b/g, 'N')
    .replace(/ id="[^"]*"/g, '');
}

export function chainShape(kind: string, chain: readonly ChainHop[] | null, extra = ''): string {
  if (!chain) return `${kind}|${extra}`;
  return `${kind}|${extra}|${chain.map((h) => `${h.edgeKind}:${normalize(h.edge)}:${normalize(h.object)}`).join('|')}`;
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(0)} KB`;
  return `${n} B`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
