import { collectWithDetached } from '../gc.ts';
import type { FrameNode, FrameTree, ScanContext } from './context.ts';

export type Metrics = Array<{ name: string; value: number }>;

export interface Collected {
  frameTree: FrameNode;
  gcMs: number;
  detachedRaw: Awaited<ReturnType<typeof collectWithDetached>>['result'];
  metrics: Metrics;
}

/** Phase 1: the frame tree, the forced GC with the detached DOM it leaves, and the renderer's metrics. */
export async function collect({ s, progress }: ScanContext): Promise<Collected> {
  const { frameTree } = await s.send<FrameTree>('Page.getFrameTree');

  progress('gc', 0, 1);
  // DOM.getDetachedDomNodes runs a full GC before answering: this is also the forced GC.
  // It also binds every tree it returns to a nodeId, which keeps them alive: released before and after.
  const { ms: gcMs, result: detachedRaw } = await collectWithDetached(s);
  progress('gc', 1, 1);

  await s.send('Performance.enable');
  const { metrics } = await s.send<{ metrics: Metrics }>('Performance.getMetrics');
  return { frameTree, gcMs, detachedRaw, metrics };
}
