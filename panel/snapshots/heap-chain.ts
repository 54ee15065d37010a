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

/** A heap-snapshot retainer chain in the views' hop form. */
export function heapChainHops(chain: RetainerChain): ChainHop[] {
  return chain.map((step) => ({
    edge: edgeLabel(step),
    edgeKind: step.edgeType,
    label: nodeLabel(step),
    muted: step.edgeType !== null && MUTED_EDGES.has(step.edgeType),
  }));
}
