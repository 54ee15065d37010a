/** A grid column as the width fitting sees it. */
export interface ColumnSpec {
  id: string;
  /** Its width in px (for the flexible last column: the least it may shrink to). */
  width: number;
  /** 1 (the default) never hides by itself; columns with larger numbers give way first when space runs out. */
  priority?: number;
}

/**
 * The columns a grid shows in `available` px: the user's hidden ones never, then — while the rest is wider than
 * the grid — the lowest-priority column (largest number, rightmost first) gives way, as DevTools' own grids
 * drop detail columns in a narrow dock rather than scroll sideways. Returns the ids shown, in order.
 */
export function fitColumns(
  columns: readonly ColumnSpec[],
  available: number,
  userHidden: ReadonlySet<string> = new Set(),
): string[] {
  const shown = columns.filter((c) => !userHidden.has(c.id));
  let total = shown.reduce((sum, c) => sum + c.width, 0);
  while (total > available) {
    let drop = -1;
    for (let i = shown.length - 1; i >= 0; i--) {
      const p = shown[i].priority ?? 1;
      if (p > 1 && (drop < 0 || p > (shown[drop].priority ?? 1))) drop = i;
    }
    if (drop < 0) break;
    total -= shown[drop].width;
    shown.splice(drop, 1);
  }
  return shown.map((c) => c.id);
}
