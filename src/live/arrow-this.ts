import { pageFunction } from './page-code.ts';
import type { PageSession } from './session.ts';
import { ScanError } from './types.ts';

/** What the page functions here use of the scan's private state (page-functions.ts), `S.builtins` by index. */
interface ArrowPageState {
  builtins: { 10: typeof Reflect.defineProperty };
  /** A data property's value (undefined for accessors and non-objects); runs no getter. */
  dataOf(o: unknown, k: string): unknown;
  /** A null-prototype array. */
  list<T = unknown>(): T[];
  /** What the recorder captured, by candidate index. */
  arrowThis: unknown[];
}

/** A repeating callback whose lexical `this` CDP cannot show: an arrow function that mentions `this`. */
export interface ArrowCandidate {
  /** The callback's id in the retainer tree. */
  id: number;
  objectId: string;
  /** How long until it runs again (interval delay; ~16 ms for animation frames). */
  delay: number;
  /** The hook's timer id (key of its timers Map: minus the native id for animation frames). */
  timerId: number;
  /** `[[FunctionLocation]]` as `scriptId:line:column`; closures of one function share it (and one breakpoint). */
  location: string | null;
}

export function looksLikeArrowUsingThis(description: string): boolean {
  return /^(async\s*)?(\([^)]*\)|[\w$]+)\s*=>/.test(description) && /\bthis\b/.test(description);
}

export interface ArrowThisResult {
  /** Callback id → objectId of its `this` (in the scan's object group). */
  captured: Map<number, string>;
  /** What went wrong on the way (a breakpoint V8 refused, …): the scan goes on without those candidates. */
  notes: string[];
}

/**
 * The recorder the breakpoint conditions call: `record(group, this)`. V8 keeps one breakpoint per function (all
 * closures of one arrow share it), so the condition alone cannot say which closure is running; the hook's timer
 * wrapper counts `runs` on the timer's record just before it calls the callback, so the one candidate of that group
 * whose count moved since the last call is the one running. Several moved at once (or none, and the group has
 * several closures): nothing is recorded rather than a guess.
 */
const RECORDER = pageFunction(function (
  this: ArrowPageState,
  win: object,
  name: string,
  recs: unknown[] | null,
  groups: number[],
) {
  const defineProp = this.builtins[10],
    get = this.dataOf;
  const n = groups.length,
    g = this.list<number>(),
    size = this.list<number>(),
    seen = this.list(),
    out = this.list();
  const H = {
    __proto__: null,
    runs(i: number): unknown {
      return recs === null ? undefined : get(recs[i], 'runs');
    },
    record(group: number, self: unknown): false {
      let hit = -1,
        moved = 0;
      for (let i = 0; i < n; i++) {
        const r = H.runs(i);
        if (r === seen[i]) continue;
        seen[i] = r;
        if (g[i] === group) {
          hit = i;
          moved++;
        }
      }
      if (moved === 0 && size[group] === 1)
        for (let i = 0; i < n; i++) if (g[i] === group && H.runs(i) === undefined) hit = i;
      if (hit >= 0 && moved <= 1 && out[hit] === undefined) out[hit] = self;
      return false;
    },
  };
  for (let i = 0; i < n; i++) {
    g[i] = groups[i];
    size[g[i]] = (size[g[i]] || 0) + 1;
    seen[i] = H.runs(i);
    out[i] = undefined;
  }
  this.arrowThis = out;
  defineProp(win, name, { value: H.record, configurable: true, enumerable: false, writable: false });
});

/** (candidate indexes) → how many of them the recorder has a `this` for. */
const COUNT_RECORDED = pageFunction(function (this: ArrowPageState, want: number[]) {
  let c = 0;
  for (let k = 0; k < want.length; k++) if (this.arrowThis[want[k]] !== undefined) c++;
  return c;
});

/** (candidate index) → the `this` the recorder kept for it. */
const RECORDED_THIS = pageFunction(function (this: ArrowPageState, i: number) {
  return this.arrowThis[i];
});

/** (name), called on window: removes the recorder. */
const REMOVE_RECORDER = pageFunction(function (this: Record<string, unknown>, name: string) {
  delete this[name];
});

/**
 * An arrow function's lexical `this` is not among its `[[Scopes]]` variables. It is visible to a breakpoint condition
 * evaluated in the arrow's own frame, so: one `Debugger.setBreakpointOnFunctionCall` per function location (V8
 * refuses a second one on another closure of the same function: "Breakpoint at specified location already exists")
 * whose condition hands `this` to a recorder and returns false (the page never pauses); wait for the callbacks to run
 * once; read what was recorded. The recorder is a non-enumerable property of window for at most `maxWaitMs`,
 * deleted right after. Never throws for a CDP refusal: a candidate whose breakpoint fails is skipped with a note.
 */
export async function captureArrowThis(
  s: PageSession,
  stateId: string,
  windowId: string,
  candidates: readonly ArrowCandidate[],
  maxWaitMs: number,
  /** The hook's records of the candidates' timers (our list, aligned with `candidates`), or null. */
  recsId: string | null,
): Promise<ArrowThisResult> {
  const captured = new Map<number, string>();
  const notes: string[] = [];
  if (candidates.length === 0) return { captured, notes };
  // Candidates of one function location share a group (and one breakpoint); unknown locations are alone.
  const groupOf = new Map<string, number>();
  const dense = candidates.map((c, i) => {
    const key = c.location ?? `#${i}`; // a location is `scriptId:line:column`, never `#…`
    if (!groupOf.has(key)) groupOf.set(key, groupOf.size);
    return groupOf.get(key)!;
  });
  const name = `leakscope.arrowThis.${Math.random().toString(36).slice(2)}`;
  const breakpoints: string[] = [];
  let enabled = false;
  try {
    await s.call(stateId, RECORDER, [
      { objectId: windowId },
      { value: name },
      recsId ? { objectId: recsId } : { value: null },
      { value: dense },
    ]);
    await s.send('Debugger.enable');
    enabled = true;
    const armed: number[] = [];
    for (let g = 0; g < groupOf.size; g++) {
      const first = dense.indexOf(g);
      // An expression, not a page function: V8 evaluates it in the arrow's frame, built from the recorder's name.
      const condition = `(void globalThis[${JSON.stringify(name)}]?.(${g}, this), false)`;
      try {
        const { breakpointId } = await s.send<{ breakpointId: string }>(
          'Debugger.setBreakpointOnFunctionCall',
          { objectId: candidates[first].objectId, condition },
        );
        breakpoints.push(breakpointId);
        for (let i = 0; i < candidates.length; i++) if (dense[i] === g) armed.push(i);
      } catch (e) {
        if (e instanceof ScanError && e.reason !== 'cdp') throw e;
        // Another client's (or an earlier scan's) breakpoint on that function: skip it, the scan goes on.
        const n = dense.filter((d) => d === g).length;
        notes.push(
          `The \`this\` of ${n} arrow callback(s) was not searched: ${e instanceof Error ? e.message : String(e)}.`,
        );
      }
    }
    if (armed.length === 0) return { captured, notes };
    // One full period plus slack for a busy page; never longer than the caller allows.
    const wait = Math.min(maxWaitMs, Math.max(...armed.map((i) => candidates[i].delay)) * 1.25 + 250);
    const until = performance.now() + wait;
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      const c = await s.call(stateId, COUNT_RECORDED, [{ value: armed }], { byValue: true });
      if (c.value === armed.length) break;
    }
    for (const i of armed) {
      const v = await s.call(stateId, RECORDED_THIS, [{ value: i }]);
      if (v.objectId) captured.set(candidates[i].id, v.objectId);
    }
  } finally {
    await Promise.all(
      breakpoints.map((breakpointId) =>
        s.send('Debugger.removeBreakpoint', { breakpointId }).catch(() => {}),
      ),
    );
    await s.call(windowId, REMOVE_RECORDER, [{ value: name }]).catch(() => {});
    // Debugger stays on only for this: an enabled debugger keeps script sources and slows some page code.
    if (enabled) await s.send('Debugger.disable').catch(() => {});
  }
  return { captured, notes };
}
