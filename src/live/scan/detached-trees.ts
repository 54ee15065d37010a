import { foldAttributeNodes } from '../attr-nodes.ts';
import {
  countNodes,
  type DomNodeLike,
  labelNodes,
  registryLabels,
  unfilledTemplateContents,
} from '../detached.ts';
import type { DetachedDomNodesResult } from '../gc.ts';
import { domNodeLabel } from '../labels.ts';
import { PAGE_FN } from '../page-functions.ts';
import type { FoundRoot } from '../roots/found.ts';
import { listenersOf } from '../roots/listeners.ts';
import type { DetachedTree, ListenerInfo } from '../types.ts';
import type { Collected } from './collect.ts';
import type { ScanContext } from './context.ts';
import type { PageState } from './page-state.ts';

type RawTree = DetachedDomNodesResult['detachedNodes'][number];

/** A search target: one wrapped node of a detached tree. */
export interface TargetArg {
  tree: number;
  backendNodeId: number;
}

export interface DetachedTrees {
  /** The page's trees, indexed as `detached` (Leakscope's own mailbox left out). */
  pageTrees: Array<{ raw: RawTree; listeners: FoundRoot<ListenerInfo>[] }>;
  detached: DetachedTree[];
  /** Listeners still registered on the trees' nodes. */
  detachedListeners: FoundRoot<ListenerInfo>[];
  /** Target index → its tree and node (the order registered in the page). */
  targetArgs: TargetArg[];
  /** Labels of the trees' nodes by backend node id. */
  nodeLabels: Map<number, string>;
}

/** A tree's template contents, labels and the listeners on its nodes. */
async function describeTree(s: ScanContext['s'], raw: RawTree, nodeLabels: Map<number, string>) {
  // A template’s content is part of what the tree keeps (any node this binds, the roots' DOM.getDocument drops).
  for (const content of unfilledTemplateContents(raw.treeNode)) {
    const { node } = await s.send<{ node: DomNodeLike }>('DOM.describeNode', {
      backendNodeId: content.backendNodeId,
      depth: -1,
      pierce: true,
    });
    content.children = node.children;
  }
  labelNodes(raw.treeNode, nodeLabels);
  const registry = registryLabels(raw.treeNode);
  const r = await s.send<{ object: { objectId: string } }>('DOM.resolveNode', {
    backendNodeId: raw.treeNode.backendNodeId,
    objectGroup: s.group,
  });
  const rootLabel = domNodeLabel(raw.treeNode);
  return listenersOf(
    s,
    r.object.objectId,
    (l) => nodeLabels.get(l.backendNodeId ?? -1) ?? rootLabel,
    false,
    null,
    (l) => registry.get(l.backendNodeId ?? -1) ?? null,
  );
}

/** Every node of every detached tree that has a JS wrapper becomes a search target in the page. */
async function registerTargets(s: ScanContext['s'], stateId: string, targetArgs: TargetArg[]) {
  const resolved = await s.pool(targetArgs, (t) =>
    s
      .send<{ object: { objectId: string } }>('DOM.resolveNode', {
        backendNodeId: t.backendNodeId,
        objectGroup: s.group,
      })
      .then((r) => r.object.objectId),
  );
  for (let i = 0; i < resolved.length; i += 1000) {
    await s.call(stateId, PAGE_FN.registerTargets, [
      { value: targetArgs.slice(i, i + 1000).map((_, j) => i + j) },
      ...resolved.slice(i, i + 1000).map((objectId) => ({ objectId })),
    ]);
  }
}

/** Phase 3: the detached trees, the listeners on them, and their nodes registered as the search's targets. */
export async function detachedTrees(
  { s, notes, progress }: ScanContext,
  { detachedRaw }: Collected,
  { stateId, pristineContext }: PageState,
): Promise<DetachedTrees> {
  // Attribute nodes join their owner's tree.
  const nodeLabels = new Map<number, string>();
  detachedRaw.detachedNodes = await foldAttributeNodes(
    s,
    detachedRaw.detachedNodes,
    pristineContext,
    nodeLabels,
  );
  progress('detached', 0, detachedRaw.detachedNodes.length);
  const trees: DetachedTrees['pageTrees'] = [];
  await s.pool(detachedRaw.detachedNodes, async (raw) => {
    const listeners = await describeTree(s, raw, nodeLabels);
    trees.push({ raw, listeners });
  });
  // Leakscope's own hook keeps one detached <div> as a private mailbox; it is not the page's leak.
  const own = trees.filter((t) => t.listeners.some((l) => l.info.type.startsWith('leakscope:')));
  if (own.length > 0)
    notes.push(
      own.length === 1
        ? "Not counted: the detached <div> Leakscope's page hook uses to talk to the panel."
        : `Not counted: ${own.length} detached <div>s Leakscope's page hook uses to talk to the panel (one per frame).`,
    );
  const pageTrees = trees.filter((t) => !own.includes(t));
  pageTrees.sort((a, b) => a.raw.treeNode.backendNodeId - b.raw.treeNode.backendNodeId);
  const detached: DetachedTree[] = [];
  const detachedListeners: FoundRoot<ListenerInfo>[] = [];
  const targetArgs: TargetArg[] = [];
  for (const [index, { raw, listeners: ls }] of pageTrees.entries()) {
    detached.push({
      index,
      root: domNodeLabel(raw.treeNode),
      nodeCount: countNodes(raw.treeNode),
      retainedCount: raw.retainedNodeIds.length,
      chain: null,
      rootKind: null,
      status: 'unreachable',
      callsite: null,
    });
    for (const l of ls) detachedListeners.push({ ...l, info: { ...l.info, detachedTree: index } });
    for (const id of raw.retainedNodeIds) targetArgs.push({ tree: index, backendNodeId: id });
  }
  await registerTargets(s, stateId, targetArgs);
  progress('detached', detached.length, detached.length);
  return { pageTrees, detached, detachedListeners, targetArgs, nodeLabels };
}
