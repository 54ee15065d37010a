import type { ComponentChildren } from 'preact';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fitToolbar } from '../layout/toolbar-fit.ts';
import { belowAnchor, Menu, type MenuEntry } from './menu.tsx';
import { useWidth } from './use-width.ts';

export type ToolbarItem =
  | {
      kind: 'button';
      label: string;
      onClick: () => void;
      disabled?: boolean;
      primary?: boolean;
      title?: string;
    }
  | { kind: 'menu'; label: string; entries: readonly MenuEntry[] }
  | { kind: 'separator'; id: string };

const itemKey = (it: ToolbarItem) => (it.kind === 'separator' ? it.id : it.label);
/** The » button's width and the status text's share of the row while items overflow. */
const OVERFLOW_WIDTH = 28;
const STATUS_RESERVE = 96;

function ItemView({ item, onMenu }: { item: ToolbarItem; onMenu: (item: ToolbarItem, el: Element) => void }) {
  if (item.kind === 'separator') return <div class="ls-toolbar-sep" />;
  if (item.kind === 'menu') {
    return (
      <button
        type="button"
        class="ls-button"
        aria-haspopup="menu"
        onClick={(e) => onMenu(item, e.currentTarget as Element)}
      >
        {item.label} <span aria-hidden="true">▾</span>
      </button>
    );
  }
  return (
    <button
      type="button"
      class={item.primary ? 'ls-button ls-primary' : 'ls-button'}
      disabled={item.disabled}
      title={item.title}
      onClick={item.onClick}
    >
      {item.label}
    </button>
  );
}

/** The overflow menu's entries for the items that did not fit: a hidden menu's entries come inline. */
function overflowEntries(items: readonly ToolbarItem[]): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const it of items) {
    if (it.kind === 'separator') {
      if (out.length && out[out.length - 1].kind !== 'separator') out.push({ kind: 'separator' });
    } else if (it.kind === 'menu') out.push(...it.entries);
    else
      out.push({
        kind: 'item',
        label: it.label,
        onSelect: it.onClick,
        disabled: it.disabled,
        title: it.title,
      });
  }
  while (out.length && out[out.length - 1].kind === 'separator') out.pop();
  return out;
}

/**
 * The panel's main toolbar, DevTools-style: the items that do not fit the panel's width move, from the right,
 * into a » menu, so every command stays reachable from a 360 px dock to a full screen. Widths are measured on
 * an invisible copy of all items, so the fit does not depend on what is shown right now.
 */
export function Toolbar(props: { label: string; items: readonly ToolbarItem[]; end?: ComponentChildren }) {
  const { items } = props;
  const bar = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(items.length);
  const width = useWidth(bar);
  const [menu, setMenu] = useState<{
    label: string;
    entries: readonly MenuEntry[];
    at: { x: number; y: number };
  } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  useLayoutEffect(() => {
    const m = measure.current;
    const el = bar.current;
    // A hidden panel (DevTools shows another one) has no width: keep the last fit rather than collapse to ».
    if (!m || !el || el.clientWidth === 0) return;
    const gap = 2;
    const widths = [...m.children].map((c, i) => ({
      width: (c as HTMLElement).offsetWidth + gap,
      separator: items[i]?.kind === 'separator',
    }));
    const style = getComputedStyle(el);
    const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
    // The status keeps up to STATUS_RESERVE px of its natural width; the items fit in the rest.
    const endEl = endRef.current;
    const natural = endEl ? [...endEl.children].reduce((sum, c) => sum + c.scrollWidth + gap, 0) : 0;
    const end = Math.min(natural, STATUS_RESERVE);
    if (endEl) endEl.style.minWidth = `${end}px`;
    const next = fitToolbar(widths, el.clientWidth - padding - end, OVERFLOW_WIDTH);
    if (next !== fit) setFit(next);
  });

  const shown = items.slice(0, fit);
  const hidden = items.slice(fit);
  const openMenu = (item: ToolbarItem, el: Element) => {
    if (item.kind === 'menu') setMenu({ label: item.label, entries: item.entries, at: belowAnchor(el) });
  };

  return (
    <div class="ls-toolbar" role="toolbar" aria-label={props.label} ref={bar} data-width={width}>
      <div class="ls-toolbar-measure" ref={measure} aria-hidden="true" inert>
        {items.map((it) => (
          <ItemView key={itemKey(it)} item={it} onMenu={() => {}} />
        ))}
      </div>
      {shown.map((it) => (
        <ItemView key={itemKey(it)} item={it} onMenu={openMenu} />
      ))}
      {hidden.length > 0 && (
        <button
          type="button"
          class="ls-button ls-overflow"
          aria-label="More tools"
          title="More tools"
          aria-haspopup="menu"
          data-testid="toolbar-overflow"
          onClick={(e) =>
            setMenu({
              label: 'More tools',
              entries: overflowEntries(hidden),
              at: belowAnchor(e.currentTarget),
            })
          }
        >
          »
        </button>
      )}
      <div class="ls-toolbar-spacer" />
      <div class="ls-toolbar-end" ref={endRef}>
        {props.end}
      </div>
      {menu && <Menu label={menu.label} entries={menu.entries} at={menu.at} onClose={closeMenu} />}
    </div>
  );
}
