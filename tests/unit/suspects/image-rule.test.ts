import { describe, expect, test } from 'vitest';
import type { ImageInfo } from '../../../src/live/types.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { ImageRule } from '../../../src/suspects/rules/index.ts';
import type { Claims } from '../../../src/suspects/types.ts';
import { emptyScan, tree } from './scan-fixture.ts';

const claims = (): Claims => ({ detachedTrees: new Set(), globals: new Set() });

function image(over: Partial<ImageInfo> & { natural: { width: number; height: number } }): ImageInfo {
  const displayed = over.displayed === undefined ? { ...over.natural } : over.displayed;
  const decoded = over.natural.width * over.natural.height * 4;
  const needed = displayed ? displayed.width * displayed.height * 4 : 0;
  return {
    kind: 'img',
    label: 'https://example.test/photo.jpg',
    decodedBytes: decoded,
    neededBytes: needed,
    wastedBytes: Math.max(0, decoded - needed),
    state: 'visible',
    lazy: false,
    chain: null,
    detachedTree: null,
    ...over,
    displayed,
  };
}

describe('image rule', () => {
  test('a 4000×3000 photo in a 160×120 box is high, with its wasted bytes and a srcset fix', () => {
    const img = image({ natural: { width: 4000, height: 3000 }, displayed: { width: 160, height: 120 } });
    const [s] = new ImageRule().apply(emptyScan({ images: [img] }), claims());
    expect(s.kind).toBe('image');
    expect(s.severity).toBe('high');
    expect(s.evidence.bytes).toBe(48_000_000 - 160 * 120 * 4);
    expect(s.title).toContain('4000×3000');
    expect(s.title).toContain('160×120');
    expect(s.fix).toMatch(/srcset/);
  });

  test('severity follows the wasted bytes; below 4× or below 1 MB wasted it is not oversized', () => {
    const sev = (w: number, h: number, dw: number, dh: number) =>
      new ImageRule()
        .apply(
          emptyScan({
            images: [image({ natural: { width: w, height: h }, displayed: { width: dw, height: dh } })],
          }),
          claims(),
        )
        .map((s) => s.severity);
    expect(sev(2000, 1500, 200, 150)).toEqual(['medium']); // 12 MB decoded
    expect(sev(1000, 750, 100, 75)).toEqual(['low']); // 3 MB
    expect(sev(400, 300, 100, 75)).toEqual([]); // 16× but only 0.46 MB wasted
    expect(sev(2000, 1500, 1200, 900)).toEqual([]); // 2.8×: close enough to the box
  });

  test('a removed image kept by JS is reported with its chain and claims its detached tree', () => {
    const chain = [
      { holder: 'window', edge: 'shownSlides', edgeKind: 'global' as const, object: 'Array(1)' },
      { holder: 'Array(1)', edge: '0', edgeKind: 'element' as const, object: '<img class="slide">' },
    ];
    const img = image({
      natural: { width: 2000, height: 1500 },
      displayed: null,
      state: 'detached',
      chain,
      detachedTree: 0,
    });
    img.neededBytes = 0;
    img.wastedBytes = img.decodedBytes!;
    const scan = emptyScan({ images: [img], detached: [tree(0, '<img class="slide">', 1, chain)] });
    const out = findSuspects(scan);
    expect(out.map((s) => s.kind)).toEqual(['image']); // not also a detached-dom suspect
    expect(out[0].severity).toBe('medium');
    expect(out[0].title).toMatch(
      /^Image .* \(2000×1500, 11\.4 MiB decoded\) is not in the document but still kept by window\.shownSlides$/,
    );
    expect(out[0].fix).toMatch(/Drop references to removed images/);
  });

  test('hidden huge images are low; off-screen eager ones are info; lazy ones are fine', () => {
    const big = { width: 1500, height: 1000 }; // 6 MB
    const rule = new ImageRule();
    const hidden = rule.apply(
      emptyScan({ images: [image({ natural: big, displayed: { width: 0, height: 0 }, state: 'hidden' })] }),
      claims(),
    );
    expect(hidden.map((s) => [s.severity, s.fix.includes('lazy')])).toEqual([['low', true]]);
    const off = rule.apply(emptyScan({ images: [image({ natural: big, state: 'off-screen' })] }), claims());
    expect(off.map((s) => s.severity)).toEqual(['info']);
    expect(
      rule.apply(emptyScan({ images: [image({ natural: big, state: 'off-screen', lazy: true })] }), claims()),
    ).toEqual([]);
  });

  test('big images shown at their size, and CSS images of unknown size, produce nothing', () => {
    const images = [
      image({ natural: { width: 1200, height: 600 } }),
      {
        ...image({ natural: { width: 1, height: 1 } }),
        kind: 'css-background' as const,
        natural: null,
        decodedBytes: null,
        wastedBytes: 0,
      },
    ];
    expect(findSuspects(emptyScan({ images }))).toEqual([]);
  });

  test('ImageData kept by JS: one suspect by total bytes', () => {
    const buf = (n: number) => ({
      ...image({ natural: { width: 1000, height: 1000 }, displayed: null }),
      kind: 'image-data' as const,
      label: `ImageData ${n}`,
      state: 'js-only' as const,
      wastedBytes: 0,
      neededBytes: 0,
    });
    const out = new ImageRule().apply(emptyScan({ images: [buf(1), buf(2), buf(3)] }), claims());
    expect(out).toHaveLength(1);
    expect(out[0].evidence.bytes).toBe(12_000_000);
    // 11.4 MiB kept: medium by the retained-size table (docs/live-scan.md § Severity).
    expect(out[0].severity).toBe('medium');
  });

  test('identical oversized thumbnails merge into one suspect ×N', () => {
    const img = (i: number) => ({
      ...image({ natural: { width: 3000, height: 2000 }, displayed: { width: 150, height: 100 } }),
      label: `https://example.test/${i}.jpg`,
    });
    const out = findSuspects(emptyScan({ images: [img(1), img(2), img(3), img(4)] }));
    expect(out.map((s) => [s.kind, s.count])).toEqual([['image', 4]]);
  });
});
