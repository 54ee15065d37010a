/**
 * Source-map reader cost: esbuild bundles (minified, one line, and unminified) of a generated module with many
 * functions; times `parseSourceMap` (JSON + VLQ decode) and lookups. `npx tsx bench/sourcemap.ts`.
 */
import { buildSync } from 'esbuild';
import { originalPosition, parseSourceMap } from '../src/sourcemap/index.ts';

function source(functions: number): string {
  const out: string[] = [];
  for (let i = 0; i < functions; i++) {
    out.push(`export function handler${i}(event: Event, items: number[]): number {`);
    out.push(`  const total = items.reduce((a, b) => a + b, ${i});`);
    out.push(`  if (event.type === 'click') window.addEventListener('resize', () => console.log(total));`);
    out.push('  return total;');
    out.push('}');
  }
  return out.join('\n');
}

function bundle(functions: number, minify: boolean): { code: string; map: string } {
  const r = buildSync({
    stdin: { contents: source(functions), loader: 'ts', sourcefile: 'src/handlers.ts' },
    bundle: false,
    minify,
    sourcemap: 'external',
    outfile: 'out.js',
    write: false,
  });
  const map = r.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  const code = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  return { code, map };
}

function time(fn: () => void, runs = 7): { median: number; fastest: number } {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[runs >> 1], fastest: t[0] };
}

console.log('| functions | build | map size | parse (median, fastest) | lookup (median per position) |');
console.log('| --- | --- | --- | --- | --- |');
for (const functions of [1_000, 20_000, 100_000]) {
  for (const minify of [true, false]) {
    const { code, map } = bundle(functions, minify);
    const lines = code.split('\n');
    const parse = time(() => parseSourceMap(map, 'http://x/out.js.map'));
    const parsed = parseSourceMap(map, 'http://x/out.js.map');
    if (!parsed) {
      const mb = `${(map.length / 1e6).toFixed(1)} MB`;
      console.log(
        `| ${functions.toLocaleString('en-US')} | ${minify ? 'minified' : 'plain'} | ${mb} | refused (over the cap) in ${parse.median.toFixed(2)} ms | — |`,
      );
      continue;
    }
    const probes: [number, number][] = [];
    for (let i = 0; i < 10_000; i++) {
      const line = Math.floor(Math.random() * lines.length);
      probes.push([line, Math.floor(Math.random() * (lines[line].length + 1))]);
    }
    const lookup = time(() => {
      for (const [l, c] of probes) originalPosition(parsed, l, c);
    });
    const row = [
      functions.toLocaleString('en-US'),
      minify ? 'minified' : 'plain',
      `${(map.length / 1e6).toFixed(1)} MB`,
      `${parse.median.toFixed(0)} ms, ${parse.fastest.toFixed(0)} ms`,
      `${((lookup.median * 1000) / probes.length).toFixed(2)} µs`,
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}
