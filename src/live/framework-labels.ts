/**
 * Framework names for the objects on the chains a scan found (src/live/frameworks.ts does the recognising): the
 * objects are handed back by id from the search's state, read with `Runtime.getProperties` only (descriptors and
 * internal slots, no page code), within a fixed budget of reads.
 */
import {
  type ChainObject,
  frameworkSuffix,
  type ObjectView,
  type PageFrameworks,
  type ReadObject,
} from './frameworks.ts';
import type { RemoteObjectLike } from './labels.ts';
import { PAGE_FN } from './page-functions.ts';
import type { PageSession } from './session.ts';
import type { RetainerTree } from './tree.ts';

/** getProperties calls the whole pass may make (a chain costs ~1–6). */
export const FRAMEWORK_READ_BUDGET = 400;
/** Chains looked at (the first found). */
const MAX_CHAINS = 50;

/** A budgeted reader over one session; Proxies give their internal slots only (CDP runs no trap for those). */
export function sessionReader(
  s: PageSession,
  budget = FRAMEWORK_READ_BUDGET,
): ReadObject & { used(): number } {
  let used = 0;
  const read = async (o: RemoteObjectLike): Promise<ObjectView | null> => {
    if (!o.objectId || used >= budget) return null;
    used++;
    const r = await s.properties(o.objectId);
    const own = new Map<string, RemoteObjectLike>();
    if (o.subtype !== 'proxy') for (const p of r.result) if (p.value) own.set(p.name, p.value);
    const internal = new Map<string, RemoteObjectLike>();
    for (const p of r.internalProperties ?? []) if (p.value) internal.set(p.name, p.value);
    return { own, internal };
  };
  return Object.assign(read, { used: () => used });
}

/**
 * Suffixes for the labels of objects on the chains ending at `chainEnds` (ids in `tree`): ` in <SalesChart>`,
 * ` (SalesBadge)`, … Objects no recogniser names are left out.
 */
export async function frameworkLabels(
  s: PageSession,
  stateId: string,
  tree: RetainerTree,
  chainEnds: readonly number[],
  page: PageFrameworks,
  platformNames: ReadonlySet<string>,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const edgesOut = new Map<number, string>();
  const order: number[] = [];
  const seen = new Set<number>();
  for (const end of chainEnds.slice(0, MAX_CHAINS)) {
    const path = tree.path(end);
    path.forEach((id, i) => {
      if (!seen.has(id)) {
        seen.add(id);
        order.push(id);
      }
      const next = path[i + 1];
      if (next !== undefined && !edgesOut.has(id)) edgesOut.set(id, tree.edgeOf(next));
    });
  }
  if (order.length === 0) return out;
  const group = s.subgroup('frameworks');
  try {
    const arr = await s.call(stateId, PAGE_FN.objectsAt, [{ value: order }], { group });
    const objects = new Map<number, RemoteObjectLike>();
    for (const p of (await s.properties(arr.objectId!)).result) {
      const i = Number(p.name);
      if (Number.isInteger(i) && p.value && i >= 0 && i < order.length) objects.set(order[i], p.value);
    }
    const read = sessionReader(s);
    await s.pool(
      order,
      async (id) => {
        const object = objects.get(id);
        if (!object) return;
        const c: ChainObject = {
          object,
          edgeIn: tree.parentOf(id) === null ? null : tree.edgeOf(id),
          edgeOut: edgesOut.get(id) ?? null,
        };
        const suffix = await frameworkSuffix(c, read, page, platformNames);
        if (suffix) out.set(id, suffix);
      },
      16,
    );
  } finally {
    await s.releaseGroup(group);
  }
  return out;
}
