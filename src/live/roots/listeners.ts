/** Listener roots: what DOMDebugger.getEventListeners reports on window, document and every node. */

import { definedAt } from '../../callsite.ts';
import type { DomNodeLike } from '../detached.ts';
import { labelNodes, registryLabels } from '../detached.ts';
import { labelOf, type RemoteObjectLike } from '../labels.ts';
import type { PageSession } from '../session.ts';
import type { Callsite, ListenerInfo } from '../types.ts';
import { EMPTY_REACH, type FoundRoot } from './found.ts';

interface CdpListener {
  type: string;
  useCapture: boolean;
  passive: boolean;
  once: boolean;
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
  /** For a bound function, its target function; for a `{handleEvent}` object, that method. */
  handler?: RemoteObjectLike;
  /** What was passed to addEventListener (the bound function, the object), i.e. what the target keeps alive. */
  originalHandler?: RemoteObjectLike;
  backendNodeId?: number;
}

function listenerCallsite(l: CdpListener, handler: string): Callsite {
  return definedAt(l.scriptId, l.lineNumber, l.columnNumber, handler.replace(/\(\)$/, ''));
}

/** Listeners on `objectId` and, for nodes, on its whole subtree (handlers are filled because the id has a group). */
export async function listenersOf(
  s: PageSession,
  objectId: string,
  targetLabel: (l: CdpListener) => string,
  attached: boolean,
  detachedTree: number | null,
  registryTarget: (l: CdpListener) => string | null = () => null,
): Promise<FoundRoot<ListenerInfo>[]> {
  const { listeners } = await s.send<{ listeners: CdpListener[] }>('DOMDebugger.getEventListeners', {
    objectId,
    depth: -1,
    pierce: true,
  });
  return listeners.map((l) => {
    const handler = l.handler ? labelOf(l.handler) : '(unknown)';
    return {
      info: {
        type: l.type,
        target: targetLabel(l),
        attached,
        detachedTree,
        handler,
        useCapture: l.useCapture,
        once: l.once,
        passive: l.passive,
        callsite: listenerCallsite(l, handler),
        registryTarget: registryTarget(l),
        reach: EMPTY_REACH,
      },
      // The search starts from what the target holds: `handler` would skip a bound function's [[BoundThis]].
      objectId: l.originalHandler?.objectId ?? l.handler?.objectId ?? null,
    };
  });
}

/** Listeners of window, document and every node in the document (pierce: shadow roots and same-process frames). */
export async function liveListeners(
  s: PageSession,
  windowId: string,
  documentId: string,
  root: DomNodeLike,
): Promise<FoundRoot<ListenerInfo>[]> {
  const labels = labelNodes(root);
  labels.set(root.backendNodeId, 'document');
  const registry = registryLabels(root);
  registry.set(root.backendNodeId, 'document');
  const onWindow = await listenersOf(
    s,
    windowId,
    () => 'window',
    true,
    null,
    () => 'window',
  );
  const onDocument = await listenersOf(
    s,
    documentId,
    (l) => (l.backendNodeId !== undefined ? (labels.get(l.backendNodeId) ?? 'node') : 'document'),
    true,
    null,
    (l) => (l.backendNodeId !== undefined ? (registry.get(l.backendNodeId) ?? null) : 'document'),
  );
  return [...onWindow, ...onDocument];
}
