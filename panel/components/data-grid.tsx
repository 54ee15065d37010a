import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { copyText } from '../copy/clipboard.ts';
import { rowAsTsv } from '../copy/copy-text.ts';
import { fitColumns } from '../layout/column-fit.ts';
import { Menu, type MenuEntry } from './menu.tsx';

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
  /** 1 (default) always shows; larger numbers hide first when the grid is narrow (see layout/column-fit.ts). */
  priority?: number;
  /** The least width it shrinks to before columns start to hide (default: its width, or 80 for the last). */
  minWidth?: number;
}

/** A copy action for a row: the first one is what Ctrl/Cmd+C copies. */
export interface CopyAction {
  label: string;
  text: () => string;
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
  /** The tooltip of a child row drawn by childRow (its text, cut at narrow widths). */
  childTitle?: (row: T) => string;
  /** Copy actions for a row, before the grid's own "Copy row" (tab-separated cells). */
  copyActions?: (row: T) => readonly CopyAction[];
}

interface Layout {
  widths: Record<string, number>;
  hidden: string[];
  shown: string[];
}
const NO_LAYOUT: Layout = { widths: {}, hidden: [], shown: [] };

/** Column widths and visibility the user chose, kept per grid (by its label) across views and sessions. */
function loadLayout(label: string): Layout {
  try {
    const raw = JSON.parse(localStorage.getItem(`ls-grid:${label}`) ?? 'null');
    return raw && typeof raw === 'object' ? { ...NO_LAYOUT, ...raw } : NO_LAYOUT;
  } catch {
    return NO_LAYOUT;
  }
}
function saveLayout(label: string, layout: Layout): void {
  try {
    localStorage.setItem(`ls-grid:${label}`, JSON.stringify(layout));
  } catch {
    // Storage full or denied: the layout lasts for this view only.
  }
}

/** The plain text of a rendered row's cells, for "Copy row" (without the expand twisty). */
function rowCells(el: Element | null): string[] {
  if (!el) return [];
  return [...el.querySelectorAll('[role="gridcell"]')].map((cell) =>
    [...cell.childNodes]
      .filter((n) => !(n instanceof Element && n.classList.contains('ls-twisty')))
      .map((n) => n.textContent ?? '')
      .join(''),
  );
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
  const [width, setWidth] = useState(0);
  const [layout, setLayoutState] = useState(() => loadLayout(props.label));
  const [menu, setMenu] = useState<{
    label: string;
    entries: MenuEntry[];
    at: { x: number; y: number };
  } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const setLayout = (next: Layout) => {
    setLayoutState(next);
    saveLayout(props.label, next);
  };
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
    const observer = new ResizeObserver(() => {
      setHeight(el.clientHeight);
      setWidth(el.clientWidth);
    });
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
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'c') {
      if (copySelected()) e.preventDefault();
      return;
    }
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      const el = rowElement(selectedIndex);
      if (el) {
        e.preventDefault();
        rowMenu(selectedIndex, belowElement(el));
      }
      return;
    }
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
  const all = props.columns;
  const userWidth = (c: Column<T>) => layout.widths[c.id];
  const isLast = (i: number) => i === all.length - 1;
  const basisOf = (c: Column<T>, i: number) => userWidth(c) ?? c.width ?? (isLast(i) ? 200 : 120);
  const minOf = (c: Column<T>, i: number) => userWidth(c) ?? c.minWidth ?? c.width ?? (isLast(i) ? 80 : 120);
  const pinned = new Set(layout.shown);
  // The first column carries the twisty and the row's name: it never hides.
  const visibleIds = new Set(
    fitColumns(
      all.map((c, i) => ({
        id: c.id,
        width: minOf(c, i),
        priority: i === 0 || pinned.has(c.id) ? 1 : c.priority,
      })),
      width > 0 ? width : Number.POSITIVE_INFINITY,
      new Set(layout.hidden.filter((id) => id !== all[0]?.id)),
    ),
  );
  const shown = all.map((c, i) => ({ c, i })).filter(({ c }) => visibleIds.has(c.id));
  const totalWidth = shown.reduce((sum, { c, i }) => sum + minOf(c, i), 0);
  // Columns shrink from their width down to their minimum before any hides; the last one takes what is left.
  const widthStyle = (c: Column<T>, i: number, lastShown: boolean) => {
    const fixed = userWidth(c);
    if (fixed !== undefined && !lastShown) return { width: px(fixed), flex: 'none' };
    return { flex: `${lastShown ? 1 : 0} 1 ${px(basisOf(c, i))}`, minWidth: px(minOf(c, i)) };
  };
  const cellStyle = (k: number) => widthStyle(shown[k].c, shown[k].i, k === shown.length - 1);

  const sortBy = (c: Column<T>) =>
    c.sortValue &&
    setSort((s) => ({
      column: c.id,
      descending: s?.column === c.id ? !s.descending : c.align === 'right',
    }));

  const columnMenu = (at: { x: number; y: number }) => {
    const entries: MenuEntry[] = all.slice(1).map((c) => ({
      kind: 'item',
      label: c.title,
      checked: visibleIds.has(c.id),
      onSelect: () => {
        const visible = visibleIds.has(c.id);
        setLayout({
          ...layout,
          hidden: visible ? [...layout.hidden, c.id] : layout.hidden.filter((id) => id !== c.id),
          shown: visible ? layout.shown.filter((id) => id !== c.id) : [...layout.shown, c.id],
        });
      },
    }));
    entries.push(
      { kind: 'separator' },
      { kind: 'item', label: 'Reset columns', onSelect: () => setLayout(NO_LAYOUT) },
    );
    setMenu({ label: `${props.label} columns`, entries, at });
  };

  const rowElement = (index: number) => document.getElementById(`${gridId}-row-${index}`);
  const copyEntries = (r: FlatRow<T>, index: number): MenuEntry[] => [
    ...(props.copyActions?.(r.row) ?? []).map(
      (a): MenuEntry => ({ kind: 'item', label: a.label, onSelect: () => copyText(a.text()) }),
    ),
    { kind: 'item', label: 'Copy row', onSelect: () => copyText(rowAsTsv(rowCells(rowElement(index)))) },
  ];
  const copySelected = () => {
    const r = flat[selectedIndex];
    if (!r) return false;
    const first = props.copyActions?.(r.row)[0];
    copyText(first ? first.text() : rowAsTsv(rowCells(rowElement(selectedIndex))));
    return true;
  };
  const rowMenu = (index: number, at: { x: number; y: number }) => {
    const r = flat[index];
    if (r) setMenu({ label: 'Copy', entries: copyEntries(r, index), at });
  };

  const startResize = (c: Column<T>, e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const handle = e.currentTarget as HTMLElement;
    const cell = handle.parentElement as HTMLElement;
    const startX = e.clientX;
    const startWidth = cell.offsetWidth;
    let latest = layout;
    handle.setPointerCapture?.(e.pointerId);
    const move = (m: PointerEvent) => {
      latest = {
        ...layout,
        widths: { ...layout.widths, [c.id]: Math.max(40, Math.round(startWidth + m.clientX - startX)) },
      };
      setLayoutState(latest);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      saveLayout(props.label, latest);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  return (
    <div
      class="ls-grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={flat.length}
      aria-colcount={shown.length}
      aria-activedescendant={selectedIndex >= 0 ? `${gridId}-row-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div
        class="ls-grid-header"
        ref={header}
        onContextMenu={(e) => {
          e.preventDefault();
          columnMenu({ x: e.clientX, y: e.clientY });
        }}
      >
        <div
          class="ls-grid-header-row"
          role="row"
          style={{ minWidth: px(totalWidth), ...(width > 0 ? { width: px(width) } : {}) }}
        >
          {shown.map(({ c }, k) => (
            <div
              role="columnheader"
              key={c.id}
              class={`ls-grid-hcell${c.align === 'right' ? ' ls-num' : ''}`}
              style={cellStyle(k)}
              tabIndex={c.sortValue ? 0 : -1}
              aria-sort={sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              data-column={c.id}
              onClick={() => sortBy(c)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') sortBy(c);
                else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))
                  columnMenu(belowElement(e.currentTarget as Element));
                else return;
                e.preventDefault();
                e.stopPropagation();
              }}
            >
              {c.title}
              {sort?.column === c.id ? (sort.descending ? ' ▾' : ' ▴') : ''}
              {k < shown.length - 1 && (
                <span
                  class="ls-grid-resizer"
                  aria-hidden="true"
                  onPointerDown={(e) => startResize(c, e)}
                  onClick={(e) => e.stopPropagation()}
                />
              )}
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
                onContextMenu={(e) => {
                  e.preventDefault();
                  setSelected(r.key);
                  rowMenu(index, { x: e.clientX, y: e.clientY });
                }}
                onDblClick={() => r.expandable && toggle(r.key)}
                {...(r.depth === 0 ? props.rowAttributes?.(r.row) : {})}
              >
                {r.depth > 0 && props.childRow ? (
                  <div
                    role="gridcell"
                    class="ls-grid-cell ls-grid-span"
                    aria-colspan={shown.length}
                    title={props.childTitle?.(r.row) ?? c0Title(r.row)}
                  >
                    <span class="ls-twisty" style={{ marginLeft: px(r.depth * 14) }} />
                    {props.childRow(r.row)}
                  </div>
                ) : (
                  shown.map(({ c }, ci) => (
                    <div
                      role="gridcell"
                      key={c.id}
                      class={`ls-grid-cell${c.align === 'right' ? ' ls-num' : ''}${c.className ? ` ${c.className}` : ''}`}
                      style={cellStyle(ci)}
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
      {menu && <Menu label={menu.label} entries={menu.entries} at={menu.at} onClose={closeMenu} />}
    </div>
  );
}

function belowElement(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: Math.round(r.left), y: Math.round(r.bottom) };
}
