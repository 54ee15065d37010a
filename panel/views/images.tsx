import { useState } from 'preact/hooks';
import { formatBytes, formatCount } from '../../src/format.ts';
import type { ImageInfo, ImageState } from '../../src/live/index.ts';
import { type Column, DataGrid } from '../components/data-grid.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FilterBox } from '../components/filter-box.tsx';
import { RevealButton } from '../components/reveal-button.tsx';
import { Summary } from '../components/summary.tsx';
import { revealImage } from '../reveal/reveal.ts';
import type { ScanState } from '../scan/scan-state.ts';

const STATE_LABEL: Record<ImageState, string> = {
  visible: 'in document',
  'off-screen': 'off-screen',
  hidden: 'hidden',
  detached: 'detached',
  'js-only': 'JS only',
};

type Row = ImageInfo & { key: string };

const size = (s: { width: number; height: number } | null) =>
  s ? `${formatCount(s.width)} × ${formatCount(s.height)}` : '—';
const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n));
const exact = (n: number | null) => (n === null ? 'unknown' : `${formatCount(n)} bytes`);

const columns: Column<Row>[] = [
  {
    id: 'image',
    title: 'Image',
    width: 380,
    minWidth: 150,
    className: 'ls-code',
    render: (r) => r.label,
    title_: (r) => r.label,
    sortValue: (r) => r.label,
  },
  {
    id: 'natural',
    title: 'Natural size',
    width: 120,
    priority: 4,
    align: 'right',
    render: (r) => size(r.natural),
    sortValue: (r) => (r.natural ? r.natural.width * r.natural.height : -1),
  },
  {
    id: 'displayed',
    title: 'Displayed size',
    width: 120,
    priority: 4,
    align: 'right',
    render: (r) => size(r.displayed),
    sortValue: (r) => (r.displayed ? r.displayed.width * r.displayed.height : -1),
  },
  {
    id: 'decoded',
    title: 'Decoded',
    width: 100,
    minWidth: 80,
    align: 'right',
    render: (r) => bytes(r.decodedBytes),
    title_: (r) => exact(r.decodedBytes),
    sortValue: (r) => r.decodedBytes ?? -1,
  },
  {
    id: 'needed',
    title: 'Needed',
    width: 100,
    priority: 3,
    align: 'right',
    render: (r) => bytes(r.neededBytes),
    title_: (r) => exact(r.neededBytes),
    sortValue: (r) => r.neededBytes,
  },
  {
    id: 'wasted',
    title: 'Wasted',
    width: 100,
    minWidth: 80,
    priority: 2,
    align: 'right',
    render: (r) => (r.wastedBytes > 0 ? bytes(r.wastedBytes) : '—'),
    title_: (r) => exact(r.wastedBytes),
    sortValue: (r) => r.wastedBytes,
  },
  {
    id: 'state',
    title: 'State',
    width: 140,
    minWidth: 110,
    priority: 2,
    render: (r) => (
      <>
        {STATE_LABEL[r.state]}
        {r.lazy && <span class="ls-muted"> · lazy</span>}
      </>
    ),
    sortValue: (r) => r.state,
  },
  {
    // Last, so the columns before it keep their places: an `<img>` still in the document can be shown in Elements.
    id: 'element',
    title: 'Element',
    minWidth: 70,
    priority: 5,
    render: (r) =>
      r.kind === 'img' ? (
        <RevealButton available={r.state !== 'detached'} reveal={() => revealImage(r.label)} />
      ) : (
        ''
      ),
  },
];

/** Images, canvases and pixel buffers of the last scan: decoded bytes against what the display needs. */
export function ImagesView({ state }: { state: ScanState }) {
  const [filter, setFilter] = useState('');
  if (state.kind !== 'done') {
    return (
      <EmptyState title="Images and their memory">
        Press <b>Scan</b> to list every image, canvas and pixel buffer of the page with what it costs: a
        picture is decoded to width × height × 4 bytes whatever its file size, so a 4000 × 3000 photo in a 160
        × 120 box keeps 48 MB for a 77 KB display. Images kept by JavaScript after they left the page, hidden
        ones and ImageData arrays show up here too.
      </EmptyState>
    );
  }
  const { images, imageTotals: totals } = state.result;
  if (images.length === 0) {
    return (
      <EmptyState title="No images">
        {totals.skipped
          ? `Images were not measured: ${totals.skipped}.`
          : 'The scan found no <img>, <canvas>, CSS background image or pixel buffer on this page. Images appear here with their decoded size (width × height × 4 bytes) and what the display needs.'}
      </EmptyState>
    );
  }
  const needle = filter.trim().toLowerCase();
  const rows: Row[] = images
    .map((img, i) => ({ ...img, key: `${i}:${img.label}` }))
    .filter((r) => !needle || `${r.label} ${STATE_LABEL[r.state]} ${r.kind}`.toLowerCase().includes(needle));
  return (
    <div class="ls-view">
      <div class="ls-view-toolbar">
        <FilterBox
          label="Filter images"
          placeholder="Filter URL, state"
          value={filter}
          onChange={setFilter}
        />
        <Summary testid="image-totals" note={exact(totals.decodedBytes)}>
          {formatCount(totals.count)} {totals.count === 1 ? 'image' : 'images'} ·{' '}
          {formatBytes(totals.decodedBytes)} decoded · {formatBytes(totals.neededBytes)} needed ·{' '}
          {formatBytes(totals.wastedBytes)} wasted · devicePixelRatio {totals.devicePixelRatio}
          {totals.sampled ? ' · sampled: the page has more' : ''}
        </Summary>
      </div>
      <DataGrid
        label="Images"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.key}
        initialSort={{ column: 'wasted', descending: true }}
        rowAttributes={(r) => ({ 'data-state': r.state, 'data-kind': r.kind })}
      />
    </div>
  );
}
