import { domNodeLabel, registryNodeLabel } from './labels.ts';

/** The parts of a CDP `DOM.Node` we read. */
export interface DomNodeLike {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  /** The element's local name, case kept (`foreignObject`); '' for other nodes. */
  localName?: string;
  attributes?: string[];
  /** An attribute node's value (nodeType 2). */
  value?: string;
  children?: DomNodeLike[];
  shadowRoots?: DomNodeLike[];
  contentDocument?: DomNodeLike;
  templateContent?: DomNodeLike;
  childNodeCount?: number;
}

/**
 * Template contents a tree lists without their children: `DOM.getDetachedDomNodes` gives a detached <template>'s
 * content fragment with `childNodeCount` but no `children` (Chromium 156), so its nodes would go uncounted.
 */
export function unfilledTemplateContents(n: DomNodeLike, out: DomNodeLike[] = []): DomNodeLike[] {
  const content = n.templateContent;
  if (content && !content.children?.length && (content.childNodeCount ?? 0) > 0) out.push(content);
  if (content) unfilledTemplateContents(content, out);
  for (const c of n.children ?? []) unfilledTemplateContents(c, out);
  for (const c of n.shadowRoots ?? []) unfilledTemplateContents(c, out);
  return out;
}

/** Elements, text and comment nodes of a subtree as CDP lists them (its DOM domain leaves out whitespace-only text). */
export function countNodes(n: DomNodeLike): number {
  let count = 1;
  for (const c of n.children ?? []) count += countNodes(c);
  for (const c of n.shadowRoots ?? []) count += countNodes(c);
  if (n.templateContent) count += countNodes(n.templateContent);
  return count;
}

/** backendNodeId → label for every node of the subtree. */
export function labelNodes(n: DomNodeLike, into = new Map<number, string>()): Map<number, string> {
  into.set(n.backendNodeId, domNodeLabel(n));
  for (const c of n.children ?? []) labelNodes(c, into);
  for (const c of n.shadowRoots ?? []) labelNodes(c, into);
  return into;
}

/** backendNodeId → the hook's label (`<button#save>`) for every element of the subtree. */
export function registryLabels(n: DomNodeLike, into = new Map<number, string>()): Map<number, string> {
  const label = registryNodeLabel(n);
  if (label !== null) into.set(n.backendNodeId, label);
  for (const c of n.children ?? []) registryLabels(c, into);
  for (const c of n.shadowRoots ?? []) registryLabels(c, into);
  return into;
}
