/** The heap engine's chains (nodes with the edges between them) as the one hop type the product shows. */
import type { EdgeKind, Hop } from '../chain.ts';
import type { ChainStep, RetainerChain } from './result.ts';

const KIND: Record<string, EdgeKind> = {
  property: 'property',
  element: 'element',
  context: 'closure-variable',
};

function kindOf(step: ChainStep): EdgeKind {
  return KIND[step.edgeType ?? ''] ?? 'internal';
}

/** An element edge's index without the brackets `retainerChain` gives it: `edgeText` adds them. */
function edgeName(step: ChainStep): string {
  const edge = step.edge ?? '';
  return step.edgeType === 'element' ? edge.replace(/^\[(.*)\]$/, '$1') : edge;
}

function label(step: ChainStep): string {
  const { className, name, type } = step.node;
  if (type === 'closure') return `${name || '(anonymous)'}()`;
  if (type === 'string') return `"${name}"`;
  return className || name;
}

/**
 * A heap-snapshot retainer chain as hops, root first. V8 reaches top-level `let`/`const`/`class` bindings through
 * the global's native context and its script context table; those engine hops are folded into one
 * `script variable <name>` hop, which is how the user wrote it.
 */
export function heapHops(chain: RetainerChain): Hop[] {
  const hops: Hop[] = [];
  let holder = chain.length ? label(chain[0]) : '';
  for (let i = 1; i < chain.length; i++) {
    const step = chain[i];
    if (step.edge === 'native_context' && chain[i + 1]?.edge === 'script_context_table') {
      // native_context → script_context_table → [n] → (context edge) name
      const binding = chain.slice(i + 1).findIndex((s) => s.edgeType === 'context');
      if (binding > 0) {
        const target = chain[i + 1 + binding];
        hops.push({
          holder,
          edge: `script variable ${target.edge}`,
          edgeKind: 'lexical',
          object: label(target),
        });
        holder = label(target);
        i = i + 1 + binding;
        continue;
      }
    }
    const object = label(step);
    hops.push({ holder, edge: edgeName(step), edgeKind: kindOf(step), object });
    holder = object;
  }
  return hops;
}
