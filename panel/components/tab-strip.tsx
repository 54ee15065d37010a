import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '../../src/format.ts';
import { fitTabs } from '../layout/toolbar-fit.ts';
import { belowAnchor, Menu, type MenuEntry } from './menu.tsx';
import { useWidth } from './use-width.ts';

export interface Tab<Id extends string> {
  id: Id;
  label: string;
  count?: number;
}

const OVERFLOW_WIDTH = 28;

function TabLabel<Id extends string>({ tab }: { tab: Tab<Id> }) {
  return (
    <>
      {tab.label}
      {tab.count !== undefined && <span class="ls-count">{formatCount(tab.count)}</span>}
    </>
  );
}

/**
 * The views' tab strip: tabs that do not fit the panel's width go into a » menu (the selected one always stays
 * in view), arrow keys move between tabs. Widths come from an invisible copy of every tab.
 */
export function TabStrip<Id extends string>(props: {
  tabs: readonly Tab<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
}) {
  const { tabs, selected, onSelect } = props;
  const strip = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<number[]>(() => tabs.map((_, i) => i));
  useWidth(strip);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  useLayoutEffect(() => {
    const m = measure.current;
    const el = strip.current;
    // A hidden panel (DevTools shows another one) has no width: keep the last fit rather than collapse to ».
    if (!m || !el || el.clientWidth === 0) return;
    const widths = [...m.children].map((c) => (c as HTMLElement).offsetWidth);
    const padding = Number.parseFloat(getComputedStyle(el).paddingLeft) || 0;
    const next = fitTabs(
      widths,
      el.clientWidth - padding,
      OVERFLOW_WIDTH,
      tabs.findIndex((t) => t.id === selected),
    );
    if (next.join() !== shown.join()) setShown(next);
  });

  const visible = shown.map((i) => tabs[i]).filter(Boolean);
  const hidden = tabs.filter((_, i) => !shown.includes(i));
  const onKeyDown = (e: KeyboardEvent) => {
    const i = visible.findIndex((t) => t.id === selected);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const t = visible[(next + visible.length) % visible.length];
    onSelect(t.id);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab="${t.id}"]`)?.focus();
  };
  const entries: MenuEntry[] = hidden.map((t) => ({
    kind: 'item',
    label: t.count === undefined ? t.label : `${t.label} ${formatCount(t.count)}`,
    onSelect: () => onSelect(t.id),
  }));

  return (
    <div class="ls-tabs" ref={strip}>
      <div class="ls-toolbar-measure" ref={measure} aria-hidden="true" inert>
        {tabs.map((t) => (
          <span key={t.id} class="ls-tab">
            <TabLabel tab={t} />
          </span>
        ))}
      </div>
      <div class="ls-tablist" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
        {visible.map((t) => (
          <button
            type="button"
            role="tab"
            key={t.id}
            class="ls-tab"
            data-tab={t.id}
            aria-selected={selected === t.id ? 'true' : 'false'}
            tabIndex={selected === t.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            <TabLabel tab={t} />
          </button>
        ))}
      </div>
      {hidden.length > 0 && (
        <button
          type="button"
          class="ls-button ls-overflow"
          aria-label="More views"
          title="More views"
          aria-haspopup="menu"
          data-testid="tabs-overflow"
          onClick={(e) => setMenu(belowAnchor(e.currentTarget))}
        >
          »
        </button>
      )}
      {menu && <Menu label="More views" entries={entries} at={menu} onClose={closeMenu} />}
    </div>
  );
}
