import { expect, test } from 'vitest';
import { IMAGE_RECORD_FIELDS, PAGE_IMAGE_KINDS } from '../../../src/live/image-page.ts';
import { buildImages, cssUrls, type PageImages, pixelNodesOf, shortUrl } from '../../../src/live/images.ts';

type Rec = {
  kind: (typeof PAGE_IMAGE_KINDS)[number];
  label?: string;
  w?: number;
  h?: number;
  connected?: boolean;
  box?: [number, number, number, number];
  hidden?: boolean;
  lazy?: boolean;
  id?: number;
  tree?: number;
};

function page(recs: Rec[], dpr = 1): PageImages {
  const flat: PageImages['recs'] = [];
  for (const r of recs) {
    const [x, y, w, h] = r.box ?? [0, 0, 0, 0];
    const label = r.label ?? '';
    flat.push(
      PAGE_IMAGE_KINDS.indexOf(r.kind),
      label,
      label.length,
      r.w ?? 0,
      r.h ?? 0,
      r.connected ?? true,
      x,
      y,
      w,
      h,
      r.hidden ?? false,
      r.lazy ?? false,
      r.id ?? -1,
      r.tree ?? -1,
    );
  }
  expect(flat.length).toBe(recs.length * IMAGE_RECORD_FIELDS);
  return { dpr, vw: 1400, vh: 900, truncated: false, cssTruncated: false, recs: flat };
}

test('decoded = natural w×h×4; needed = box × dpr² × 4; wasted is the difference', () => {
  const { images, totals } = buildImages(
    page([{ kind: 'img', label: 'a.jpg', w: 4000, h: 3000, box: [10, 10, 160, 120] }], 2),
    () => null,
  );
  expect(images[0]).toMatchObject({
    decodedBytes: 48_000_000,
    neededBytes: 320 * 240 * 4,
    wastedBytes: 48_000_000 - 320 * 240 * 4,
    state: 'visible',
    natural: { width: 4000, height: 3000 },
    displayed: { width: 160, height: 120 },
  });
  expect(totals).toMatchObject({ count: 1, decodedBytes: 48_000_000, devicePixelRatio: 2 });
});

test('states: off-screen, hidden, detached, JS-only; detached and hidden need nothing', () => {
  const { images } = buildImages(
    page([
      { kind: 'img', label: 'below.jpg', w: 100, h: 100, box: [0, 2000, 100, 100] },
      { kind: 'img', label: 'none.jpg', w: 100, h: 100, box: [0, 0, 0, 0] },
      { kind: 'img', label: 'invisible.jpg', w: 100, h: 100, box: [0, 0, 100, 100], hidden: true },
      { kind: 'img', label: 'gone.jpg', w: 100, h: 100, connected: false, tree: 2 },
      { kind: 'image-data', w: 10, h: 10, connected: false, id: 7 },
    ]),
    (id, tree) =>
      id === 7 || tree === 2
        ? [{ holder: 'window', edge: `x${id}${tree}`, edgeKind: 'global', object: 'X' }]
        : null,
  );
  expect(images.map((i) => i.state)).toEqual(['off-screen', 'hidden', 'hidden', 'detached', 'js-only']);
  expect(images.map((i) => i.neededBytes)).toEqual([40_000, 0, 0, 0, 0]);
  expect(images[3]).toMatchObject({ wastedBytes: 40_000, detachedTree: 2, displayed: null });
  expect(images[3].chain?.[0].edge).toBe('x-12');
  expect(images[4]).toMatchObject({ label: 'ImageData 10×10', decodedBytes: 400, wastedBytes: 0 });
  expect(images[4].chain?.[0].edge).toBe('x7-1');
});

test('CSS backgrounds: one entry per url(), size known only from an <img> of the same URL', () => {
  const { images } = buildImages(
    page([
      { kind: 'img', label: 'https://x.test/a.png', w: 800, h: 600, box: [0, 0, 800, 600] },
      {
        kind: 'css-background',
        label: 'url("https://x.test/a.png"), linear-gradient(red, blue), url(https://x.test/b.png)',
        box: [0, 0, 100, 100],
      },
    ]),
    () => null,
  );
  expect(images.slice(1).map((i) => [i.label, i.decodedBytes, i.neededBytes])).toEqual([
    ['https://x.test/a.png', 1_920_000, 40_000],
    ['https://x.test/b.png', null, 40_000],
  ]);
});

test('helpers: url() parsing, short data: labels, image nodes of detached trees', () => {
  expect(cssUrls(`url('a b.png'), url("c\\"d.png"), none`)).toEqual(['a b.png', 'c"d.png']);
  expect(shortUrl('https://x.test/invoice\u202Egnp.exe')).toBe('https://x.test/invoice\\u202Egnp.exe');
  expect(shortUrl(`data:image/jpeg;base64,${'A'.repeat(300)}`, 1_000_000)).toBe(
    'data:image/jpeg;base64,… (1,000,000 chars)',
  );
  const root = {
    backendNodeId: 1,
    nodeType: 1,
    nodeName: 'DIV',
    children: [
      { backendNodeId: 2, nodeType: 1, nodeName: 'IMG' },
      {
        backendNodeId: 3,
        nodeType: 1,
        nodeName: 'P',
        children: [{ backendNodeId: 4, nodeType: 1, nodeName: 'CANVAS' }],
      },
    ],
  };
  expect(pixelNodesOf([{ index: 5, root }])).toEqual([
    { backendNodeId: 2, kind: 'img', tree: 5 },
    { backendNodeId: 4, kind: 'canvas', tree: 5 },
  ]);
});
