/** Small hand-made ScanResults for the rule tests. */
import type {
  DetachedTree,
  GlobalInfo,
  Hop,
  ListenerInfo,
  ScanResult,
  TimerInfo,
} from '../../../src/live/types.ts';

export function emptyScan(over: Partial<ScanResult> = {}): ScanResult {
  return {
    url: 'http://127.0.0.1/x.html',
    ms: 1,
    gcMs: 1,
    metrics: {},
    detached: [],
    globals: [],
    listeners: [],
    timers: null,
    search: {
      objects: 0,
      functionsExpanded: 0,
      collectionsExpanded: 0,
      levels: 0,
      cdpCalls: 0,
      ms: 0,
      complete: true,
      budgetHit: null,
    },
    images: [],
    imageTotals: {
      count: 0,
      decodedBytes: 0,
      neededBytes: 0,
      wastedBytes: 0,
      devicePixelRatio: 1,
      sampled: false,
      skipped: null,
    },
    growth: { documentId: 'doc-1', collections: [], closureChains: [] },
    notes: [],
    ...over,
  };
}

export function tree(
  index: number,
  root: string,
  nodeCount: number,
  chain: Hop[] | null,
  status: DetachedTree['status'] = chain ? 'found' : 'unreachable',
): DetachedTree {
  const kind = chain?.[0]?.edgeKind;
  return {
    index,
    root,
    nodeCount,
    retainedCount: 1,
    chain,
    rootKind:
      kind === 'listener' ||
      kind === 'timer' ||
      kind === 'global' ||
      kind === 'lexical' ||
      kind === 'observer' ||
      kind === 'expando'
        ? kind
        : null,
    status,
    callsite: null,
  };
}

export function resizeChain(n: number): Hop[] {
  return [
    { holder: 'window', edge: "'resize' listener", edgeKind: 'listener', object: 'onResize()' },
    {
      holder: 'onResize()',
      edge: 'dlg',
      edgeKind: 'closure-variable',
      object: `<section id="dlg${n}" class="dialog">`,
    },
  ];
}

export function global(name: string, over: Partial<GlobalInfo> = {}): GlobalInfo {
  return {
    name,
    declaration: 'var',
    undeclaredAssignment: null,
    valueType: 'object',
    description: 'Object',
    reach: { objects: 1, bytes: 100 },
    ...over,
  };
}

export function listener(over: Partial<ListenerInfo> = {}): ListenerInfo {
  return {
    type: 'click',
    target: '<button class="close">',
    attached: true,
    detachedTree: null,
    handler: '(anonymous)()',
    useCapture: false,
    once: false,
    passive: false,
    callsite: null,
    registryTarget: null,
    reach: { objects: 0, bytes: 0 },
    ...over,
  };
}

export function timer(over: Partial<TimerInfo> = {}): TimerInfo {
  return {
    id: 3,
    kind: 'setInterval',
    delay: 1000,
    callback: 'poll()',
    callsite: null,
    reach: { objects: 10, bytes: 1000 },
    ...over,
  };
}
