import type { ChainStep, RetainerChain } from '../../src/heap/result.ts';
import type { ChainHop } from '../components/chain.ts';

const MUTED_EDGES = new Set(['internal', 'hidden', 'shortcut']);

function edgeLabel(step: ChainStep): string | null {
  if (step.edge === null) return null;
  switch (step.edgeType) {
    case 'element':
      return `[${step.edge}]`;
    case 'context':
      return `closure variable ${step.edge}`;
    case 'property':
      return `.${step.edge}`;
    default:
      return step.edge;
  }
}

function nodeLabel(step: ChainStep): string {
  const { className, name, type } = step.node;
  if (type === 'closure') return `${name || '(anonymous)'}()`;
  if (type === 'string') return `"${name}"`;
  return className || name;
}

/**
 * A heap-snapshot retainer chain in the views' hop form. V8 reaches top-level `let`/`const`/`class` bindings
 * through the global's native context and its script context table; those engine hops are folded into one
 * `script variable <name>` hop, which is how the user wrote it.
 */
export function heapChainHops(chain: RetainerChain): ChainHop[] {
  const hops: ChainHop[] = [];
  for (let i = 0; i < chain.length; i++) {
    const step = chain[i];
    if (step.edge === 'native_context' && chain[i + 1]?.edge === 'script_context_table') {
      // native_context → script_context_table → [n] → (context edge) name
      const binding = chain.slice(i + 1).findIndex((s) => s.edgeType === 'context');
      if (binding > 0) {
        const target = chain[i + 1 + binding];
        hops.push({
          edge: `script variable ${target.edge}`,
          edgeKind: 'context',
          label: nodeLabel(target),
          muted: false,
        });
        i = i + 1 + binding;
        continue;
      }
    }
    hops.push({
      edge: edgeLabel(step),
      edgeKind: step.edgeType,
      label: nodeLabel(step),
      muted: step.edgeType !== null && MUTED_EDGES.has(step.edgeType),
    });
  }
  return hops;
}
