/// <reference lib="webworker" />
/**
 * Module-worker entry for heap snapshot analysis (no DOM). The panel creates it with
 * `new Worker(new URL('…/src/heap/worker.ts', import.meta.url), { type: 'module' })` and talks to it with the
 * messages in `worker-protocol.ts`.
 */
import { createHeapWorkerHost } from './worker-host.ts';
import type { HeapWorkerResponse } from './worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createHeapWorkerHost((msg: HeapWorkerResponse) => scope.postMessage(msg));
scope.addEventListener('message', (event: MessageEvent) => {
  void host.handle(event.data);
});
