import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';

export interface Column<T> {
  id: string;
  title: string;
  /** Width in px; the last column takes the rest. */
  width?: number;
  align?: 'left' | 'right';
  className?: string;
  render: (row: T) => ComponentChildren;
  /** Plain-text value for the cell's tooltip. */
  title_?: (row: T) => string;
  sortValue?: (row: T) => number | string;
}

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Child rows shown when a row is expanded (Enter, ArrowRight or a click on the twisty). */
  children?: (row: T) => readonly T[];
  initialSort?: { column: string; descending: boolean };
  rowAttributes?: (row: T) => Record<string, string>;
  /** Renders a child row as one cell across the grid (e.g. one hop of a retainer chain). */
  childRow?: (row: T) => ComponentChildren;
}

const ROW_HEIGHT = 21;
/** Preact 11 no longer appends 'px' to numeric style values. */
const px = (n: number) => `${n}px`;
const OVERSCAN = 10;

interface FlatRow<T> {
  row: T;
  key: string;
  depth: number;
  expandable: boolean;
}

/**
 * A DevTools-style data grid: sortable columns, virtualized rows (only what is visible is rendered, so
 * 100k rows scroll smoothly), and keyboard navigation (arrows, Home/End, PageUp/PageDown, Enter to expand).
 * The grid is one tab stop; the selected row is announced through aria-activedescendant (the ARIA grid
 * pattern for virtualized rows), which is why rows and cells are not focusable themselves.
 */
export function DataGrid<T>(props: Props<T>) {
  const { columns, rowKey } = props;
  const [sort, setSort] = useState(props.initialSort ?? null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const body = useRef<HTMLDivElement>(null);
  const gridId = useId();
  const header = useRef<HTMLDivElement>(null);

  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.id === sort.column) : undefined;
    if (!sort || !col?.sortValue) return props.rows;
    const value = col.sortValue;
    const dir = sort.descending ? -1 : 1;
    return [...props.rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }, [props.rows, sort, columns]);

  const flat = useMemo(() => {
    const out: FlatRow<T>[] = [];
    for (const row of sorted) {
      const key = rowKey(row);
      const kids = props.children?.(row) ?? [];
      out.push({ row, key, depth: 0, expandable: kids.length > 0 });
      if (kids.length && expanded.has(key)) {
        kids.forEach((kid, i) => {
          out.push({ row: kid, key: `${key}/${i}`, depth: 1, expandable: false });
        });
      }
    }
    return out;
  }, [sorted, expanded, rowKey, props.children]);

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const selectedIndex = flat.findIndex((r) => r.key === selected);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(flat.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const toggle = (key: string, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      const isOpen = next.has(key);
      if (open ?? !isOpen) next.add(key);
      else next.delete(key);
      return next;
    });
  };

  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(flat.length - 1, index));
    const target = flat[clamped];
    if (!target) return;
    setSelected(target.key);
    const el = body.current;
    if (!el) return;
    const top = clamped * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const current = selectedIndex < 0 ? -1 : selectedIndex;
    const handled = (() => {
      switch (e.key) {
        case 'ArrowDown':
          select(current + 1);
          return true;
        case 'ArrowUp':
          select(current <= 0 ? 0 : current - 1);
          return true;
        case 'PageDown':
          select(current + page);
          return true;
        case 'PageUp':
          select(current - page);
          return true;
        case 'Home':
          select(0);
          return true;
        case 'End':
          select(flat.length - 1);
          return true;
        case 'Enter':
        case 'ArrowRight':
        case 'ArrowLeft': {
          const r = flat[current];
          if (r?.expandable) toggle(r.key, e.key === 'Enter' ? undefined : e.key === 'ArrowRight');
          return !!r;
        }
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const c0Title = (row: T) => columns[0]?.title_?.(row);
  const flexLast = !columns[columns.length - 1]?.width;
  const totalWidth = columns.reduce(
    (sum, c, i) => sum + (i === columns.length - 1 && flexLast ? 200 : (c.width ?? 120)),
    0,
  );
  const widthStyle = (c: Column<T>, i: number) =>
    i === columns.length - 1 && !c.width
      ? { flex: '1 1 0', minWidth: '80px' }
      : { width: px(c.width ?? 120), flex: 'none' };

  return (
    <div
      class="ls-grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={flat.length}
      aria-activedescendant={selectedIndex >= 0 ? `${gridId}-row-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div class="ls-grid-header" ref={header}>
        <div class="ls-grid-header-row" role="row" style={{ minWidth: px(totalWidth) }}>
          {columns.map((c, i) => (
            <div
              role="columnheader"
              key={c.id}
              class={`ls-grid-hcell${c.align === 'right' ? ' ls-num' : ''}`}
              style={widthStyle(c, i)}
              tabIndex={-1}
              aria-sort={sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              onClick={() =>
                c.sortValue &&
                setSort((s) => ({
                  column: c.id,
                  descending: s?.column === c.id ? !s.descending : c.align === 'right',
                }))
              }
            >
              {c.title}
              {sort?.column === c.id ? (sort.descending ? ' ▾' : ' ▴') : ''}
            </div>
          ))}
        </div>
      </div>
      <div
        class="ls-grid-body"
        ref={body}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLElement;
          setScrollTop(el.scrollTop);
          // The header sits outside the scroller (so it never scrolls away); follow horizontal scrolling.
          if (header.current) header.current.scrollLeft = el.scrollLeft;
        }}
      >
        <div style={{ height: px(flat.length * ROW_HEIGHT), minWidth: px(totalWidth), position: 'relative' }}>
          {flat.slice(first, last).map((r, i) => {
            const index = first + i;
            return (
              <div
                key={r.key}
                id={`${gridId}-row-${index}`}
                role="row"
                class="ls-grid-row"
                aria-rowindex={index + 1}
                aria-selected={r.key === selected ? 'true' : 'false'}
                aria-expanded={r.expandable ? (expanded.has(r.key) ? 'true' : 'false') : undefined}
                data-child={r.depth > 0 ? 'true' : undefined}
                style={{ position: 'absolute', top: px(index * ROW_HEIGHT), left: '0', right: '0' }}
                onClick={() => setSelected(r.key)}
                onDblClick={() => r.expandable && toggle(r.key)}
                {...(r.depth === 0 ? props.rowAttributes?.(r.row) : {})}
              >
                {r.depth > 0 && props.childRow ? (
                  <div
                    role="gridcell"
                    class="ls-grid-cell ls-grid-span"
                    aria-colspan={columns.length}
                    title={c0Title(r.row)}
                  >
                    <span class="ls-twisty" style={{ marginLeft: px(r.depth * 14) }} />
                    {props.childRow(r.row)}
                  </div>
                ) : (
                  columns.map((c, ci) => (
                    <div
                      role="gridcell"
                      key={c.id}
                      class={`ls-grid-cell${c.align === 'right' ? ' ls-num' : ''}${c.className ? ` ${c.className}` : ''}`}
                      style={widthStyle(c, ci)}
                      title={c.title_?.(r.row)}
                    >
                      {ci === 0 && (
                        <span
                          class="ls-twisty"
                          style={{ marginLeft: px(r.depth * 14) }}
                          onClick={(e) => {
                            e.stopPropagation();
                            if (r.expandable) toggle(r.key);
                          }}
                        >
                          {r.expandable ? (expanded.has(r.key) ? '▾' : '▸') : ''}
                        </span>
                      )}
                      {c.render(r.row)}
                    </div>
                  ))
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
