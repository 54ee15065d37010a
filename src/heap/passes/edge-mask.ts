import type { HeapGraph } from '../graph.ts';
import { ROOT } from '../graph.ts';

/** Bit set on an edge that retains for the dominator tree (see `buildEdgeMask`). */
export const ESSENTIAL = 1;
/** Bit set on an edge that a retainer path (distances, chains) may follow. */
export const PATH = 2;

/**
 * Classes of Leakscope's own page hook (content-script/hook/pristine.ts names them so). Its registries mirror what
 * the browser itself holds (a listener's function while it is registered, a timer's callback until it runs), so a
 * chain through them would point at the tool instead of at the page's code.
 */
const TOOL_CLASS = /^Leakscope[A-Z]\w*$/;

/** "N / part of key (K @1) -> value (V @2) pair in WeakMap (table @3)": the id after "table @". */
const WEAKMAP_TABLE = /pair in WeakMap \(table @(\d+)\)/;

/**
 * Pass 1 — classifies every edge once into a byte per slot, so the graph walks below test a bit instead of
 * re-deciding. Both the forward DFS and the predecessor scan of the dominator pass read the same bit, which keeps
 * them consistent by construction.
 *
 * ESSENTIAL (retains, for dominators): not weak; not a self edge; a shortcut only from the root (the root's
 * shortcuts mark user globals, others duplicate a real path); not the WeakMap backing table → value edge (V8
 * also writes key → value, and the value lives only as long as the key).
 * PATH (for shortest retainer paths): not weak, and not a known noise edge that would give a misleading short
 * path: `sloppy_function_map` of a native context and the value slots of `(map descriptors)` arrays; nor an edge
 * into an object of the page hook's own classes (TOOL_CLASS), so chains take the browser's path (listener, timer).
 */
export function buildEdgeMask(g: HeapGraph): Uint8Array {
  const { edgeType, edgeName, edgeTo, nodeType, nodeName, nodeId, strings, firstEdge, nodeCount } = g;
  const c = g.layout.codes;
  const mask = new Uint8Array(g.edgeCount);

  // Precompute per string index which names need a closer look; a Map keeps the cost off ordinary edges.
  const weakMapTableOf = new Map<number, number>();
  const nativeContextName = new Uint8Array(strings.length);
  let sloppyName = -1;
  let descriptorsName = -1;
  const toolClassName = new Uint8Array(strings.length);
  for (let s = 0; s < strings.length; s++) {
    const text = strings[s];
    if (text.startsWith('Leakscope') && TOOL_CLASS.test(text)) toolClassName[s] = 1;
    if (text.length > 40 && text.includes('pair in WeakMap')) {
      const m = WEAKMAP_TABLE.exec(text);
      if (m) weakMapTableOf.set(s, Number(m[1]));
    } else if (text === 'sloppy_function_map') {
      sloppyName = s;
    } else if (text === '(map descriptors)') {
      descriptorsName = s;
    } else if (text.startsWith('system / NativeContext')) {
      nativeContextName[s] = 1;
    }
  }

  for (let from = 0; from < nodeCount; from++) {
    const end = firstEdge[from + 1];
    const fromName = nodeName[from];
    const fromIsNativeContext = sloppyName >= 0 && nativeContextName[fromName] === 1;
    const fromIsDescriptors = fromName === descriptorsName && nodeType[from] === c.array;
    for (let slot = firstEdge[from]; slot < end; slot++) {
      const type = edgeType[slot];
      if (type === c.edgeWeak) continue;
      const to = edgeTo[slot];
      const name = edgeName[slot];
      let bits = ESSENTIAL | PATH;
      if (to === from) bits &= ~ESSENTIAL;
      if (toolClassName[nodeName[to]] === 1 && nodeType[to] === c.object) bits &= ~PATH;
      if (type === c.edgeShortcut && from !== ROOT) bits &= ~ESSENTIAL;
      if (type === c.edgeInternal && weakMapTableOf.size > 0) {
        const table = weakMapTableOf.get(name);
        if (table !== undefined && table === nodeId[from]) bits &= ~ESSENTIAL;
      }
      if (fromIsNativeContext && name === sloppyName && type !== c.edgeElement && type !== c.edgeHidden)
        bits &= ~PATH;
      if (fromIsDescriptors && (type === c.edgeElement || type === c.edgeHidden || type === c.edgeInternal)) {
        // Descriptor arrays hold [key, details, value] triples after a 2-slot header; the value slot is noise.
        const index = type === c.edgeInternal ? Number(strings[name]) : name;
        if (index >= 2 && (index - 2) % 3 === 2) bits &= ~PATH;
      }
      mask[slot] = bits;
    }
  }
  return mask;
}
