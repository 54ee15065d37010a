/**
 * Attribute nodes among the detached trees. Chromium lists an Attr that has a JS wrapper (`el.getAttributeNode`,
 * `el.attributes[i]`; a test driver's selector engine reads them too) as a detached node of its own: one node named
 * after the attribute. An Attr keeps its owner element, and so the owner's whole removed tree: it belongs to that
 * tree, as one more of its nodes a chain may end at. Read in Leakscope's isolated world, where the page cannot have
 * replaced `ownerElement` or `parentNode`.
 */
import type { DomNodeLike } from './detached.ts';
import { domNodeLabel } from './labels.ts';
import { pageFunction } from './page-code.ts';
import type { PageSession } from './session.ts';

export const ATTRIBUTE_NODE = 2;

export interface DetachedEntry {
  treeNode: DomNodeLike;
  retainedNodeIds: number[];
}

/** The top of the tree the Attr's owner element is in; null for an Attr without an owner. */
const OWNER_ROOT = pageFunction(function (this: Attr) {
  let n: Node | null = this.ownerElement;
  if (!n) return null;
  while (n.parentNode) n = n.parentNode;
  return n;
});

/**
 * Folds each detached Attr into the tree of its owner: into that tree's entry when Chromium listed it too, else the
 * Attr's entry becomes the owner's tree. An Attr without an owner stays as it is (it keeps only itself).
 */
export async function foldAttributeNodes<T extends DetachedEntry>(
  s: PageSession,
  entries: T[],
  isolatedContextId: number,
  /** backendNodeId → label: each folded Attr's own (`attribute class="close"`), for the chains that end at it. */
  labels: Map<number, string>,
): Promise<T[]> {
  const attrs = entries.filter((e) => e.treeNode.nodeType === ATTRIBUTE_NODE);
  if (attrs.length === 0) return entries;
  const byRoot = new Map(
    entries.filter((e) => e.treeNode.nodeType !== ATTRIBUTE_NODE).map((e) => [e.treeNode.backendNodeId, e]),
  );
  const folded = new Set<T>();
  for (const attr of attrs) {
    const { object } = await s.send<{ object: { objectId: string } }>('DOM.resolveNode', {
      backendNodeId: attr.treeNode.backendNodeId,
      executionContextId: isolatedContextId,
      objectGroup: s.group,
    });
    const root = await s.call(object.objectId, OWNER_ROOT);
    if (!root.objectId) continue;
    const { node } = await s.send<{ node: DomNodeLike }>('DOM.describeNode', {
      objectId: root.objectId,
      depth: -1,
      pierce: true,
    });
    labels.set(attr.treeNode.backendNodeId, domNodeLabel(attr.treeNode));
    const tree = byRoot.get(node.backendNodeId);
    if (tree) {
      tree.retainedNodeIds.push(...attr.retainedNodeIds);
      folded.add(attr);
    } else {
      attr.treeNode = node;
      byRoot.set(node.backendNodeId, attr);
    }
  }
  return entries.filter((e) => !folded.has(e));
}
