import { domNodeLabel } from './labels.ts';

/** The parts of a CDP `DOM.Node` we read. */
export interface DomNodeLike {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNodeLike[];
  shadowRoots?: DomNodeLike[];
  contentDocument?: DomNodeLike;
  templateContent?: DomNodeLike;
}

/** Elements and text nodes of a subtree (comments and whitespace-only text count too: they are DOM nodes all the same). */
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
