/** Timer roots: the live timers and animation frames the page hook recorded, with their callbacks. */

import { definedAt } from '../../callsite.ts';
import { labelOf } from '../labels.ts';
import { PAGE_FN, TIMER_CALLBACKS, TIMER_META, TIMER_RECS } from '../page-functions.ts';
import type { PageSession } from '../session.ts';
import type { TimerInfo } from '../types.ts';
import { EMPTY_REACH, type FoundRoot, holderValues } from './found.ts';

function timerKind(kind: string): string {
  if (/interval/i.test(kind)) return 'setInterval';
  if (/anim|raf/i.test(kind)) return 'requestAnimationFrame';
  if (/timeout/i.test(kind)) return 'setTimeout';
  return kind || 'timer';
}

/**
 * The hook's `leakscopeState`, reached without any page global: the wrapped `setTimeout` (or one of its siblings)
 * → [[Scopes]] → the closure scope that has it. Null when the hook is not in the page.
 */
async function findHookState(s: PageSession, stateId: string, windowId: string): Promise<string | null> {
  const names = ['setTimeout', 'setInterval', 'requestAnimationFrame'];
  const holder = await s.call(stateId, PAGE_FN.globalValues, [{ objectId: windowId }, { value: names }]);
  const fns = await holderValues(s, holder.objectId!);
  for (const name of names) {
    const fn = fns.get(name);
    if (!fn?.objectId || (fn.description ?? '').endsWith('{ [native code] }')) continue;
    const props = await s.properties(fn.objectId);
    const scopes = props.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value;
    if (!scopes?.objectId) continue;
    const list = await s.properties(scopes.objectId);
    for (const scope of list.result) {
      if (!scope.value?.objectId || !/^\d+$/.test(scope.name)) continue;
      const vars = await s.properties(scope.value.objectId);
      const st = vars.result.find((p) => p.name === 'leakscopeState')?.value;
      if (st?.objectId) return st.objectId;
    }
  }
  return null;
}

/** Live timers and animation frames the hook recorded, with their callbacks. Null without the hook. */
export async function hookTimers(
  s: PageSession,
  stateId: string,
  windowId: string,
): Promise<{ timers: FoundRoot<TimerInfo>[]; hookStateId: string } | null> {
  const hookState = await findHookState(s, stateId, windowId);
  if (!hookState) return null;
  const timers = await readTimers(s, stateId, hookState);
  return timers && { timers, hookStateId: hookState };
}

/** The `[[Entries]]` of the hook's timers Map: null without one, 'empty' when it has no entries. */
async function timerEntries(s: PageSession, hookState: string): Promise<string | 'empty' | null> {
  const timersMap = (await s.properties(hookState)).result.find((p) => p.name === 'timers')?.value;
  if (!timersMap?.objectId) return null;
  const entries = (await s.properties(timersMap.objectId)).internalProperties?.find(
    (p) => p.name === '[[Entries]]',
  )?.value;
  return entries?.objectId ?? 'empty';
}

/**
 * The hook's records of the timers `ids`, as one list in the page (objectId), aligned with `ids` (a hole where the
 * hook has none). Null when the hook's timers cannot be read.
 */
export async function hookTimerRecs(
  s: PageSession,
  stateId: string,
  hookState: string,
  ids: readonly number[],
): Promise<string | null> {
  const entries = await timerEntries(s, hookState);
  if (entries === null || entries === 'empty') return null;
  const r = await s.call(stateId, TIMER_RECS, [{ objectId: entries }, { value: ids }]);
  return r.objectId ?? null;
}

async function readTimers(
  s: PageSession,
  stateId: string,
  hookState: string,
): Promise<FoundRoot<TimerInfo>[] | null> {
  const found = await timerEntries(s, hookState);
  if (found === null) return null;
  if (found === 'empty') return [];
  const entries = { objectId: found };
  const meta = (await s.call(stateId, TIMER_META, [{ objectId: entries.objectId }], { byValue: true }))
    .value as Array<number | string | null>;
  const cbArray = await s.call(stateId, TIMER_CALLBACKS, [{ objectId: entries.objectId }]);
  const cbs = await holderValues(s, cbArray.objectId!);
  const out: FoundRoot<TimerInfo>[] = [];
  for (let i = 0, j = 0; i < meta.length; i += 3, j++) {
    const cb = cbs.get(String(j));
    const callback = cb ? labelOf(cb) : '(none)';
    out.push({
      info: {
        id: Number(meta[i]),
        kind: timerKind(String(meta[i + 1] ?? '')),
        delay: meta[i + 2] === null ? null : Number(meta[i + 2]),
        callback,
        callsite: null,
        reach: EMPTY_REACH,
      },
      objectId: cb?.objectId ?? null,
      source: cb?.description,
    });
  }
  return out;
}

type FunctionLocation = { scriptId: string; lineNumber: number; columnNumber: number };

/** A function's `[[FunctionLocation]]`, through one `[[TargetFunction]]` for a bound one; null for what has none. */
async function functionLocation(
  s: PageSession,
  objectId: string,
  bound = 1,
): Promise<FunctionLocation | null> {
  const internal = (await s.properties(objectId)).internalProperties ?? [];
  const loc = internal.find((p) => p.name === '[[FunctionLocation]]')?.value?.value as
    | FunctionLocation
    | undefined;
  if (loc) return loc;
  const target = internal.find((p) => p.name === '[[TargetFunction]]')?.value?.objectId;
  return target && bound > 0 ? functionLocation(s, target, bound - 1) : null;
}

/**
 * Where the callbacks of (at most `max`) timers the search did not expand are defined: the "defined at" the panel
 * shows for timers set before it connected. A callback that cannot be read keeps no callsite.
 */
export async function defineTimerCallbacks(
  s: PageSession,
  timers: readonly FoundRoot<TimerInfo>[],
  max: number,
) {
  const todo = timers.filter((t) => !t.info.callsite && t.objectId).slice(0, max);
  await Promise.all(
    todo.map(async (t) => {
      const loc = await functionLocation(s, t.objectId!).catch(() => null);
      if (loc)
        t.info.callsite = definedAt(
          loc.scriptId,
          loc.lineNumber,
          loc.columnNumber,
          t.info.callback.replace(/\(\)$/, ''),
        );
    }),
  );
}

export function timerLabel(t: TimerInfo): string {
  const delay = t.kind === 'requestAnimationFrame' || t.delay === null ? '' : ` (${t.delay} ms)`;
  return `${t.kind} #${t.id}${delay}`;
}
