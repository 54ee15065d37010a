import type { PageSession } from './session.ts';

/** A repeating callback whose lexical `this` CDP cannot show: an arrow function that mentions `this`. */
export interface ArrowCandidate {
  /** The callback's id in the retainer tree. */
  id: number;
  objectId: string;
  /** How long until it runs again (interval delay; ~16 ms for animation frames). */
  delay: number;
}

export function looksLikeArrowUsingThis(description: string): boolean {
  return /^(async\s*)?(\([^)]*\)|[\w$]+)\s*=>/.test(description) && /\bthis\b/.test(description);
}

const KEY = 'leakscope.arrowThis';

/**
 * An arrow function's lexical `this` is not among its `[[Scopes]]` variables. It is visible to a breakpoint condition
 * evaluated in the arrow's own frame, so: set `Debugger.setBreakpointOnFunctionCall` with a condition that records
 * `this` and returns false (the page never pauses), wait for the callback to run once, read what it recorded.
 * The record is a non-enumerable symbol-keyed property of window for at most `maxWaitMs`, deleted right after.
 * Returns callback id → objectId of its `this` (in the scan's object group).
 */
export async function captureArrowThis(
  s: PageSession,
  stateId: string,
  windowId: string,
  candidates: readonly ArrowCandidate[],
  maxWaitMs: number,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (candidates.length === 0) return out;
  await s.send('Debugger.enable');
  const breakpoints: string[] = [];
  try {
    for (const [n, c] of candidates.entries()) {
      const condition = `(Object.defineProperty(globalThis, Symbol.for(${JSON.stringify(`${KEY}.${n}`)}), { value: this, configurable: true }), false)`;
      const { breakpointId } = await s.send<{ breakpointId: string }>(
        'Debugger.setBreakpointOnFunctionCall',
        {
          objectId: c.objectId,
          condition,
        },
      );
      breakpoints.push(breakpointId);
    }
    // One full period plus slack for a busy page; never longer than the caller allows.
    const wait = Math.min(maxWaitMs, Math.max(...candidates.map((c) => c.delay)) * 1.25 + 250);
    const until = performance.now() + wait;
    // Read with the verified built-ins: a descriptor read, so nothing of the page runs.
    const read = `function (win, n) {
      const d = this.builtins[1](win, Symbol.for(${JSON.stringify(`${KEY}.`)} + n));
      return d && this.builtins[2](this.builtins[4], null, [d, 'value']) ? d.value : undefined;
    }`;
    while (out.size < candidates.length && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      for (const [n, c] of candidates.entries()) {
        if (out.has(c.id)) continue;
        const v = await s.call(stateId, read, [{ objectId: windowId }, { value: n }]);
        if (v.objectId) out.set(c.id, v.objectId);
      }
    }
  } finally {
    await Promise.all(
      breakpoints.map((breakpointId) =>
        s.send('Debugger.removeBreakpoint', { breakpointId }).catch(() => {}),
      ),
    );
    const cleanup = `function (count) {
      for (let n = 0; n < count; n++) delete this[Symbol.for(${JSON.stringify(`${KEY}.`)} + n)];
    }`;
    await s.call(windowId, cleanup, [{ value: candidates.length }]).catch(() => {});
    // Debugger stays on only for this: an enabled debugger keeps script sources and slows some page code.
    await s.send('Debugger.disable').catch(() => {});
  }
  return out;
}
