import type { CdpTransport } from '../cdp/transport.ts';
import { arrowThis } from './scan/arrow-this.ts';
import { assemble } from './scan/assemble.ts';
import { collect } from './scan/collect.ts';
import { DEFAULT_BUDGET, type ScanContext } from './scan/context.ts';
import { detachedTrees } from './scan/detached-trees.ts';
import { pageState } from './scan/page-state.ts';
import { roots } from './scan/root-specs.ts';
import { search } from './scan/search.ts';
import { PageSession } from './session.ts';
import type { ScanOptions, ScanResult } from './types.ts';
import { ScanError } from './types.ts';

export { DEFAULT_BUDGET, HOLDER_LEVELS, KEPT_WINDOW_LIMIT } from './scan/context.ts';

let scanCounter = 0;

/**
 * Scan: force a GC, list detached DOM, the page's globals, lexical bindings, listeners and (with the hook) timers,
 * then search for the shortest chain from those roots to every detached tree — with extension-legal CDP only.
 * Every object handle is released before returning, whatever happens.
 * Its phases (src/live/scan/) run in order, each on what the earlier ones found.
 */
export async function scan(transport: CdpTransport, opts: ScanOptions = {}): Promise<ScanResult> {
  const t0 = performance.now();
  const s = new PageSession(transport, `leakscope-scan-${++scanCounter}`, opts.signal);
  const ctx: ScanContext = {
    s,
    transport,
    opts,
    budget: opts.budget ?? DEFAULT_BUDGET,
    t0,
    notes: [],
    progress: (phase, done, total) => opts.onProgress?.({ phase, done, total }),
  };
  try {
    const collected = await collect(ctx);
    const page = await pageState(ctx, collected);
    const trees = await detachedTrees(ctx, collected, page);
    const found = await roots(ctx, page);
    const searched = await search(ctx, page, trees, found);
    await arrowThis(ctx, page, trees, found, searched);
    const searchMs = performance.now() - searched.startedAt;
    return await assemble(ctx, collected, page, trees, found, searched, searchMs);
  } catch (e) {
    if (opts.signal?.aborted && !(e instanceof ScanError && e.reason === 'navigated')) {
      throw new ScanError('aborted', 'the scan was cancelled');
    }
    throw e;
  } finally {
    await s.release();
  }
}
