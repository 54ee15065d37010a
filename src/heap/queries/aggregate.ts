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
  for (let o = 0; o < n; o++) {
    const c = classes.classId[o];
    count[c]++;
    self[c] += g.nodeSelfSize[o];
  }
  // Children lists of the dominator tree (CSR), then an explicit-stack DFS with enter/exit events.
  const { idom } = dominators;
  const pool = heap.scratch;
  const start = pool.take();
  for (let o = 1; o < n; o++) start[idom[o] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  // Fill each child list from its end, moving start[p + 1] back to start[p]'s end; a final shift restores it.
  const child = pool.take();
  for (let o = n - 1; o >= 1; o--) child[--start[idom[o] + 1]] = o;
  for (let i = 0; i < n; i++) start[i] = start[i + 1];
  start[n] = n - 1;
  const open = new Uint32Array(k);
  const stack = pool.take();
  const next = pool.take(); // per node: index of the next child to visit
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
  pool.give(start, child, stack, next);
  const out: ClassAggregate[] = [];
  // Synthetic nodes (the root, "(GC roots)", …) are bookkeeping, not classes a person allocates.
  const synthetic = new Uint8Array(k);
  for (let o = 0; o < n; o++) {
    if (g.nodeType[o] === g.layout.codes.synthetic) synthetic[classes.classId[o]] = 1;
  }
  for (let c = 0; c < k; c++) {
    if (count[c] > 0 && synthetic[c] === 0)
      out.push({ className: classes.names[c], count: count[c], selfSize: self[c], retainedSize: kept[c] });
  }
  return out.sort((a, b) => b.retainedSize - a.retainedSize || b.selfSize - a.selfSize);
}
