/** The parts of a menu entry that keyboard navigation and placement need. */
export interface NavEntry {
  kind: 'item' | 'separator';
  disabled?: boolean;
}

/** The next selectable entry from `from` in direction `step` (±1), wrapping around; -1 when none is selectable. */
export function nextEnabled(entries: readonly NavEntry[], from: number, step: 1 | -1): number {
  const n = entries.length;
  for (let k = 1; k <= n; k++) {
    const i = (((from + step * k) % n) + n) % n;
    const e = entries[i];
    if (e.kind === 'item' && !e.disabled) return i;
  }
  return -1;
}

/**
 * Where a menu of `size` opened at point `at` goes so that it stays inside the `viewport`: below-right of the
 * point, flipped left or up when it would cross an edge, and never off the top-left corner.
 */
export function placeMenu(
  at: { x: number; y: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const left = at.x + size.width > viewport.width ? Math.max(0, viewport.width - size.width) : at.x;
  const top = at.y + size.height > viewport.height ? Math.max(0, at.y - size.height) : at.y;
  return { left, top };
}
