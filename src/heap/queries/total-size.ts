import type { HeapGraph } from '../graph.ts';

/**
 * Sum of all self sizes: the JS heap plus the native memory V8 attributes to it, ArrayBuffer backing stores
 * included (a kept 1 MB `Uint8Array` adds ~1 MB here: its `system / JSArrayBufferData` node carries the bytes,
 * while Chrome's JSHeapUsedSize does not count them).
 */
export function totalSelfSize(g: HeapGraph): number {
  const sizes = g.nodeSelfSize;
  let total = 0;
  for (let o = 0; o < g.nodeCount; o++) total += sizes[o];
  return total;
}
