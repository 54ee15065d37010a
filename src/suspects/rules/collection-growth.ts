import { formatBytes } from '../../format.ts';
import type { CollectionSize } from '../../live/types.ts';
import { chainShape } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { sameDocument, steadyGrowth } from './history.ts';
import { MB, raise } from './thresholds.ts';

const FIX =
  'Bound it: evict old entries (an LRU with a size limit), delete an entry when what it belongs to goes away, or key it by the owning object in a WeakMap.';
const FIX_PIXELS =
  'Keep a bounded number of frames: reuse one ImageData/canvas, cap the undo history, close() ImageBitmaps you no longer draw.';

const UNIT: Record<CollectionSize['kind'], string> = {
  Map: 'entries',
  Set: 'entries',
  Array: 'elements',
  Object: 'keys',
};

/**
 * Collections (Map, Set, Array, plain object) near a named root that grew between successive scans of one
 * document; steadily (at every scan of three or more) is more suspicious than once. Needs history.
 */
export class CollectionGrowthRule implements LeakRule {
  readonly kind = 'collection-growth' as const;

  apply(scan: ScanResult, _claimed: Claims, history: readonly ScanResult[] = []): Suspect[] {
    const earlier = sameDocument(scan, history);
    if (earlier.length === 0) return [];
    const byPath = earlier.map((h) => new Map(h.growth.collections.map((c) => [c.path, c])));
    const previous = byPath[byPath.length - 1];
    const out: Suspect[] = [];
    for (const c of scan.growth.collections) {
      const before = previous.get(c.path);
      if (!before || c.size <= before.size) continue;
      // The run of consecutive scans that saw this collection, ending now.
      const values: number[] = [c.size];
      for (let i = byPath.length - 1; i >= 0; i--) {
        const v = byPath[i].get(c.path);
        if (!v) break;
        values.unshift(v.size);
      }
      const steady = steadyGrowth(values);
      const first = values[0];
      const perScan = (c.size - first) / (values.length - 1);
      const pixels = c.pixelBytes >= MB;
      let severity: Suspect['severity'] = steady ? 'medium' : 'low';
      if (pixels) severity = raise(severity);
      const unit = UNIT[c.kind];
      const over =
        values.length > 2
          ? ` over ${values.length} scans (${steady ? 'every time' : 'not every time'}, +${+perScan.toFixed(1)} per scan)`
          : '';
      const held =
        c.pixelObjects > 0 ? `, holding ${c.pixelObjects} pixel buffers (${formatBytes(c.pixelBytes)})` : '';
      out.push({
        kind: 'collection-growth',
        severity,
        title: `\`${c.path}\` (${c.kind}) grew from ${first.toLocaleString('en-US')} to ${c.size.toLocaleString('en-US')} ${unit}${over}${held}`,
        evidence: {
          objects: c.size,
          bytes: c.pixelBytes || undefined,
          detail: `sizes by scan: ${values.join(' → ')}`,
        },
        chain: c.chain.length > 0 ? c.chain : null,
        callsite: null,
        fix: c.pixelObjects > 0 ? FIX_PIXELS : FIX,
        count: 1,
        shape: chainShape('collection-growth', null, c.path),
      });
    }
    return out;
  }
}
