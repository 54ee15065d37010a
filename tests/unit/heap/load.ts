import { analyzeGraph } from '../../../src/heap/analyze.ts';
import { buildGraph } from '../../../src/heap/graph.ts';
import { SnapshotStreamParser } from '../../../src/heap/stream-parser.ts';
import { type SynthEdge, type SynthNode, type SynthOptions, snapshotText } from './snapshot-builder.ts';

/** Parses snapshot text through the real streaming parser, in one chunk. */
export function parseText(text: string) {
  const p = new SnapshotStreamParser();
  p.write(text);
  return p.finish();
}

/** Builds, parses and analyses a synthetic heap; `ord(key)` maps a node key to its ordinal. */
export async function analyzeSynthetic(nodes: SynthNode[], edges: SynthEdge[], opts?: SynthOptions) {
  const heap = await analyzeGraph(buildGraph(parseText(snapshotText(nodes, edges, opts))));
  const keys = nodes.map((n) => n.key);
  const ord = (key: string) => {
    const i = keys.indexOf(key);
    if (i < 0) throw new Error(`no node ${key}`);
    return i;
  };
  return { heap, ord, keyOf: (o: number) => keys[o] };
}
