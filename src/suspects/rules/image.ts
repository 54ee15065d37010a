import { formatBytes } from '../../format.ts';
import type { ImageInfo } from '../../live/types.ts';
import { chainShape } from '../format.ts';
import type { Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { MB, severityForBytes, severityForWaste } from './thresholds.ts';

/** Decoded at least this many times what the display needs counts as oversized (and ≥ 1 MB must be wasted). */
export const OVERSIZE_FACTOR = 4;
/** Hidden or off-screen images matter from this decoded size on. */
export const HUGE_BYTES = 4 * MB;

const FIX_OVERSIZED =
  'Serve an image close to the size it is shown at: a thumbnail, or `srcset`/`sizes` so the browser picks one (at most the box × devicePixelRatio). For a <canvas>, size its width/height to the box × devicePixelRatio.';
const FIX_DETACHED =
  'Drop references to removed images (delete the array/Map entry, set the field to null) so Chrome can free the decoded pixels; keep a URL instead of the element if you need it later.';
const FIX_HIDDEN =
  'Do not load big images before they are shown: set the src when the element becomes visible, use `loading="lazy"`, or a smaller placeholder.';
const FIX_OFFSCREEN =
  'Let the browser defer it: `loading="lazy"` and `decoding="async"` on images below the fold.';
const FIX_BUFFERS =
  'Keep only the pixel buffers you still draw: reuse one ImageData/canvas, call ImageBitmap.close() when done, cap undo histories.';

const size = (s: { width: number; height: number } | null) =>
  s ? `${Math.round(s.width)}×${Math.round(s.height)}` : '?';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function what(img: ImageInfo): string {
  return img.kind === 'canvas'
    ? img.label
    : `${img.kind === 'css-background' ? 'CSS image' : 'image'} ${img.label}`;
}

function suspect(
  img: ImageInfo,
  reason: string,
  severity: Suspect['severity'],
  title: string,
  bytes: number,
  fix: string,
): Suspect {
  const detail =
    `${size(img.natural)} decoded ${formatBytes(img.decodedBytes ?? 0)}` +
    (img.displayed ? `, shown at ${size(img.displayed)} (needs ${formatBytes(img.neededBytes)})` : '');
  return {
    kind: 'image',
    severity,
    title,
    evidence: { bytes, detail },
    chain: img.chain,
    callsite: null,
    fix,
    count: 1,
    // Same reason, kind and sizes read as one suspect ×N (a grid of identical thumbnails); detached ones by chain.
    shape: chainShape(
      'image',
      reason === 'detached' ? img.chain : null,
      `${reason}|${img.kind}|${size(img.natural)}|${size(img.displayed)}`,
    ),
  };
}

/**
 * Images whose decoded pixels are not needed: oversized for their box, kept by JS after removal, hidden or
 * off-screen while huge; and pixel buffers (ImageData, ImageBitmap) JS keeps. Runs before the detached-DOM rule
 * and claims the detached trees it explains.
 */
export class ImageRule implements LeakRule {
  readonly kind = 'image' as const;

  apply(scan: ScanResult, claimed: Claims): Suspect[] {
    const out: Suspect[] = [];
    let bufferBytes = 0;
    let buffers = 0;
    let biggest: ImageInfo | null = null;
    for (const img of scan.images ?? []) {
      const decoded = img.decodedBytes ?? 0;
      if (img.state === 'js-only') {
        bufferBytes += decoded;
        buffers++;
        if (!biggest || decoded > (biggest.decodedBytes ?? 0)) biggest = img;
        continue;
      }
      if (decoded === 0) continue;
      if (img.state === 'detached') {
        if (img.detachedTree !== null) claimed.detachedTrees.add(img.detachedTree);
        const holder = img.chain?.[0]
          ? ` by ${img.chain[0].holder === 'window' ? 'window.' : ''}${img.chain[0].edge}`
          : '';
        out.push(
          suspect(
            img,
            'detached',
            severityForWaste(decoded) ?? 'info',
            `${cap(what(img))} (${size(img.natural)}, ${formatBytes(decoded)} decoded) is not in the document but still kept${holder}`,
            decoded,
            FIX_DETACHED,
          ),
        );
        continue;
      }
      const oversized =
        (img.state === 'visible' || img.state === 'off-screen') &&
        decoded >= OVERSIZE_FACTOR * img.neededBytes &&
        img.wastedBytes >= MB;
      if (oversized) {
        const times = img.neededBytes > 0 ? `${Math.round(decoded / img.neededBytes)}× ` : '';
        out.push(
          suspect(
            img,
            'oversized',
            severityForWaste(img.wastedBytes) ?? 'low',
            `Oversized ${what(img)}: ${size(img.natural)} decoded (${formatBytes(decoded)}) for a ${size(img.displayed)} box — ${times}what the screen needs`,
            img.wastedBytes,
            FIX_OVERSIZED,
          ),
        );
      } else if (img.state === 'hidden' && decoded >= HUGE_BYTES) {
        out.push(
          suspect(
            img,
            'hidden',
            'low',
            `Hidden ${what(img)} (${size(img.natural)}, ${formatBytes(decoded)} decoded) is loaded but not displayed`,
            decoded,
            FIX_HIDDEN,
          ),
        );
      } else if (img.state === 'off-screen' && decoded >= HUGE_BYTES && !img.lazy) {
        out.push(
          suspect(
            img,
            'off-screen',
            'info',
            `Off-screen ${what(img)} (${size(img.natural)}, ${formatBytes(decoded)} decoded) is loaded eagerly`,
            decoded,
            FIX_OFFSCREEN,
          ),
        );
      }
    }
    const bufferSeverity = severityForBytes(bufferBytes);
    if (bufferSeverity) {
      out.push({
        kind: 'image',
        severity: bufferSeverity,
        title: `JavaScript keeps ${buffers} pixel buffer${buffers === 1 ? '' : 's'} (ImageData/ImageBitmap): ${formatBytes(bufferBytes)}`,
        evidence: { bytes: bufferBytes, objects: buffers, detail: `largest: ${biggest?.label ?? '?'}` },
        // The biggest buffer's chain shows where they are kept.
        chain: biggest?.chain ?? null,
        callsite: null,
        fix: FIX_BUFFERS,
        count: 1,
        shape: chainShape('image', null, 'buffers'),
      });
    }
    return out;
  }
}
