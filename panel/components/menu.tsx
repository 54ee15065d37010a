import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nextEnabled, placeMenu } from '../layout/menu-nav.ts';

export type MenuEntry =
  | {
      kind: 'item';
      label: string;
      onSelect: () => void;
      disabled?: boolean;
      /** Present for a checkable item (menuitemcheckbox), e.g. Redact. */
      checked?: boolean;
      title?: string;
    }
  | { kind: 'separator' };

const px = (n: number) => `${n}px`;

/**
 * A DevTools-style popup menu (an extension panel gets no native context menu): opened at a point, kept inside
 * the window, arrow keys move, Enter/Space choose, Escape or a click elsewhere closes and focus returns to
 * where it was.
 */
export function Menu(props: {
  label: string;
  entries: readonly MenuEntry[];
  at: { x: number; y: number };
  onClose: () => void;
}) {
  const { entries, onClose } = props;
  const host = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => nextEnabled(entries, -1, 1));
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const view = {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
    };
    setPos(placeMenu(props.at, { width: el.offsetWidth, height: el.offsetHeight }, view));
  }, [props.at.x, props.at.y, entries.length]);

  useEffect(() => {
    host.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active, pos]);

  useEffect(() => {
    const outside = (e: Event) => {
      if (!host.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    const back = returnFocus.current;
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [onClose]);

  const choose = (i: number) => {
    const e = entries[i];
    if (e?.kind !== 'item' || e.disabled) return;
    onClose();
    e.onSelect();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const handled = (() => {
      switch (e.key) {
        case 'ArrowDown':
          setActive((a) => nextEnabled(entries, a, 1));
          return true;
        case 'ArrowUp':
          setActive((a) => nextEnabled(entries, a, -1));
          return true;
        case 'Home':
          setActive(nextEnabled(entries, -1, 1));
          return true;
        case 'End':
          setActive(nextEnabled(entries, entries.length, -1));
          return true;
        case 'Enter':
        case ' ':
          choose(active);
          return true;
        case 'Escape':
        case 'Tab':
          onClose();
          return true;
        default:
          return false;
      }
    })();
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <div
      ref={host}
      class="ls-menu"
      role="menu"
      aria-label={props.label}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      style={{
        left: px(pos?.left ?? props.at.x),
        top: px(pos?.top ?? props.at.y),
        visibility: pos ? 'visible' : 'hidden',
      }}
    >
      {entries.map((e, i) =>
        e.kind === 'separator' ? (
          <hr key={`sep${i}`} class="ls-menu-sep" />
        ) : (
          <button
            type="button"
            key={e.label}
            data-index={i}
            class="ls-menu-item"
            {...(e.checked === undefined
              ? { role: 'menuitem' }
              : { role: 'menuitemcheckbox', 'aria-checked': e.checked ? 'true' : 'false' })}
            disabled={e.disabled}
            tabIndex={-1}
            title={e.title}
            onPointerEnter={() => !e.disabled && setActive(i)}
            onClick={() => choose(i)}
          >
            <span class="ls-menu-check" aria-hidden="true">
              {e.checked ? '✓' : ''}
            </span>
            {e.label}
          </button>
        ),
      )}
    </div>
  );
}

/** Opens a menu at the bottom-left of `anchor` (a toolbar button). */
export function belowAnchor(anchor: Element): { x: number; y: number } {
  const r = anchor.getBoundingClientRect();
  return { x: Math.round(r.left), y: Math.round(r.bottom) };
}
