/** One toolbar entry as the fitting sees it: its natural width, and whether it is a separator. */
export interface FitItem {
  width: number;
  separator?: boolean;
}

/**
 * How many leading toolbar items stay in the toolbar when `available` px are free; the rest move to the overflow
 * (») menu, which itself takes `overflowWidth` px once anything overflows. A separator left at the end of the
 * visible run is dropped too (DevTools never ends a toolbar on a divider).
 */
export function fitToolbar(items: readonly FitItem[], available: number, overflowWidth: number): number {
  const total = items.reduce((sum, it) => sum + it.width, 0);
  if (total <= available) return items.length;
  let used = overflowWidth;
  let count = 0;
  for (const it of items) {
    if (used + it.width > available) break;
    used += it.width;
    count++;
  }
  while (count > 0 && items[count - 1].separator) count--;
  return count;
}

/**
 * The tabs a tab strip shows in `available` px, in order: as many leading tabs as fit beside the » button, with
 * the selected tab always among them (it takes the place of the last one that fits), as DevTools' tab strip does.
 */
export function fitTabs(
  widths: readonly number[],
  available: number,
  overflowWidth: number,
  selected: number,
): number[] {
  const count = fitToolbar(
    widths.map((width) => ({ width })),
    available,
    overflowWidth,
  );
  const shown = widths.map((_, i) => i).slice(0, count);
  if (selected < 0 || selected < count) return shown;
  let used = overflowWidth + widths[selected];
  const out: number[] = [];
  for (const i of shown) {
    if (used + widths[i] > available) break;
    used += widths[i];
    out.push(i);
  }
  return [...out, selected];
}
