import { SEVERITY_ORDER, type Suspect } from './types.ts';

/** Identical suspects (same kind and chain shape) become one with a count; the highest severity wins. */
export function groupSuspects(list: readonly Suspect[]): Suspect[] {
  const byShape = new Map<string, Suspect>();
  for (const s of list) {
    const prev = byShape.get(s.shape);
    if (!prev) {
      byShape.set(s.shape, { ...s });
      continue;
    }
    prev.count += s.count;
    if (SEVERITY_ORDER[s.severity] > SEVERITY_ORDER[prev.severity]) prev.severity = s.severity;
  }
  return [...byShape.values()];
}

/** Most severe first, then the most repeated. */
export function sortSuspects(list: Suspect[]): Suspect[] {
  return list.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || b.count - a.count);
}
