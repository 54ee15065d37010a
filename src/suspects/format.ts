import type { Hop } from '../chain.ts';

/** Numbers, ids and quoted keys vary between otherwise identical chains; the shape ignores them. */
function normalize(s: string): string {
  return s
    .replace(/#\d+/g, '#N')
    .replace(/\b\d+\b/g, 'N')
    .replace(/ id="[^"]*"/g, '');
}

/** Collapses runs of a repeated block of hops (1–4 long) into one copy: replaceThing's chains of any depth share a shape. */
export function collapseRepeats(tokens: readonly string[]): string[] {
  let out = [...tokens];
  for (let len = 1; len <= 4; len++) {
    const next: string[] = [];
    let i = 0;
    while (i < out.length) {
      const block = out.slice(i, i + len);
      let j = i + len;
      let repeated = false;
      while (
        block.length === len &&
        j + len <= out.length &&
        out.slice(j, j + len).join('\u0000') === block.join('\u0000')
      ) {
        j += len;
        repeated = true;
      }
      if (repeated) {
        next.push(...block);
        i = j;
      } else {
        next.push(out[i]);
        i++;
      }
    }
    out = next;
  }
  return out;
}

export function chainShape(kind: string, chain: readonly Hop[] | null, extra = ''): string {
  if (!chain) return `${kind}|${extra}`;
  const tokens = chain.map((h) => `${h.edgeKind}:${normalize(h.edge)}:${normalize(h.object)}`);
  return `${kind}|${extra}|${collapseRepeats(tokens).join('|')}`;
}

// One byte format for the whole product (KiB/MiB/GiB: the sizes are powers of 1024).
export { formatBytes } from '../format.ts';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
