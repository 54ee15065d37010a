import type { AnalyzedHeap } from '../analyze.ts';
import type { ClassAggregate } from '../result.ts';

/**
 * Count, self size and retained size per class. A class's retained size counts an instance only when no
 * dominator above it has the same class (else a linked list would count its tail once per node): a DFS over the
 * dominator tree keeps, per class, how many instances are open on the current path.
 */
export function aggregateByClass(heap: AnalyzedHeap): ClassAggregate[] {
  const { graph: g, classes, retained, dominators } = heap;
  const n = g.nodeCount;
  const k = classes.names.length;
  const count = new Float64Array(k);
  const self = new Float64Array(k);
  const kept = new Float64Array(k);
  const nf = g.layout.nodeFieldCount;
  const so = g.layout.selfSizeOffset;
  for (let o = 0; o < n; o++) {
    const c = classes.classId[o];
    count[c]++;
    self[c] += g.nodes[o * nf + so];
  }
  // Children lists of the dominator tree (CSR), then an explicit-stack DFS with enter/exit events.
  const { idom } = dominators;
  const start = new Uint32Array(n + 1);
  for (let o = 1; o < n; o++) start[idom[o] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const child = new Uint32Array(Math.max(0, n - 1));
  const fill = start.slice(0, n);
  for (let o = 1; o < n; o++) child[fill[idom[o]]++] = o;
  const open = new Uint32Array(k);
  const stack = new Uint32Array(n);
  const next = new Uint32Array(n); // per node: index of the next child to visit
  let sp = 0;
  stack[sp++] = 0;
  next[0] = start[0];
  open[classes.classId[0]]++;
  kept[classes.classId[0]] += retained[0];
  while (sp > 0) {
    const o = stack[sp - 1];
    if (next[o] < start[o + 1]) {
      const ch = child[next[o]++];
      const c = classes.classId[ch];
      if (open[c] === 0) kept[c] += retained[ch];
      open[c]++;
      next[ch] = start[ch];
      stack[sp++] = ch;
    } else {
      open[classes.classId[o]]--;
      sp--;
    }
  }
  const out: ClassAggregate[] = [];
  // Synthetic nodes (the root, "(GC roots)", …) are bookkeeping, not classes a person allocates.
  const synthetic = new Uint8Array(k);
  for (let o = 0; o < n; o++) {
    if (g.nodes[o * nf + g.layout.typeOffset] === g.layout.codes.synthetic) synthetic[classes.classId[o]] = 1;
  }
  for (let c = 0; c < k; c++) {
    if (count[c] > 0 && synthetic[c] === 0)
      out.push({ className: classes.names[c], count: count[c], selfSize: self[c], retainedSize: kept[c] });
  }
  return out.sort((a, b) => b.retainedSize - a.retainedSize || b.selfSize - a.selfSize);
}
