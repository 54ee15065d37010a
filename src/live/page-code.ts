/**
 * Code Leakscope runs inside the inspected page, written as real functions (so tsc and the linter check it) and sent
 * as their source text (`Function.prototype.toString`) to `Runtime.evaluate` / `Runtime.callFunctionOn`.
 *
 * A page function must be self-contained: it runs in another realm, so it may use its parameters, `this` and the
 * page's built-ins (captured before use, see page-functions.ts) but nothing from this module's scope — constants come
 * as arguments. It may not bind a function to a local name (`const f = () => …`, `function f() {}`): tsx, which runs
 * the command line from the repository, compiles with esbuild's keepNames, which wraps those in a `__name(…)` helper
 * the page does not have. Helpers are methods of a null-prototype object instead (`H.add(…)`), which keepNames
 * leaves alone. `pageFunction` refuses a source that calls `__name`, so a slip fails loudly (tests/unit/live/
 * page-code-tsx.test.ts runs every page function through tsx).
 */

/** Anything the page runs: a function whose source is sent as text. */
// biome-ignore lint/suspicious/noExplicitAny: page functions take the page's values, typed by each function.
type PageFn = (this: any, ...args: any[]) => unknown;

/** The source text of `fn`, for `callFunctionOn`'s functionDeclaration (with `this` = the object called on). */
export function pageFunction(fn: PageFn): string {
  const source = fn.toString();
  if (/\b__name\(/.test(source))
    throw new Error(
      `A page function binds a function to a local name, which the TypeScript runner wraps in __name(): ${source.slice(0, 120)}`,
    );
  if (!/^(async\s+)?(function\b|\()/.test(source))
    throw new Error(
      `A page function must be a function expression or an arrow function: ${source.slice(0, 120)}`,
    );
  return source;
}

/**
 * An expression for `Runtime.evaluate` that calls `fn` in strict mode with `args` (JSON values, inlined as literals:
 * never page text).
 */
export function pageExpression(fn: PageFn, ...args: unknown[]): string {
  const values = args.map((a) => JSON.stringify(a)).join(', ');
  return `(() => { 'use strict'; return (${pageFunction(fn)})(${values}); })()`;
}
