/**
 * Where a script assigns an identifier it never declares — in sloppy mode that creates a property of the global
 * object, an accidental global. Found by parsing (acorn) and scope analysis (eslint-scope), never by matching text:
 * `e.React = …`, `window.$ = …` or `this.x = …` are property writes and never count. Host-independent and pure.
 */
import { parse } from 'acorn';
import { analyze, type Reference, type Scope } from 'eslint-scope';

/** One assignment to an undeclared name; 1-based line, 0-based column inside the script, as acorn counts. */
export interface UndeclaredWrite {
  name: string;
  line: number;
  column: number;
  /** The function that contains the write, '' at the top level or for an anonymous function. */
  functionName: string;
}

export type WriteAnalysis =
  | { analysed: true; writes: UndeclaredWrite[] }
  | { analysed: false; reason: string };

/** Past this a script is not parsed: parsing costs ~1 s per 10 MB here, and the panel waits for it. */
export const MAX_SCRIPT_CHARS = 4 << 20;

/**
 * The undeclared identifiers `source` assigns from sloppy-mode code, in source order. Never throws: a script that
 * does not parse (syntax error, nesting deep enough to overflow the stack, too large) is "not analysed" with a reason.
 */
export function undeclaredWrites(source: string, opts: { module?: boolean } = {}): WriteAnalysis {
  if (opts.module) return { analysed: true, writes: [] }; // modules are strict: such a write throws
  if (source.length > MAX_SCRIPT_CHARS)
    return { analysed: false, reason: `larger than ${MAX_SCRIPT_CHARS >> 20} MB` };
  try {
    const ast = parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      locations: true,
      ranges: true, // eslint-scope compares ranges to tell parameters from the body
      allowHashBang: true,
      allowReturnOutsideFunction: false,
    });
    const scopes = analyze(ast as never, {
      ecmaVersion: 2022,
      sourceType: 'script',
      fallback: 'iteration',
    });
    const writes: UndeclaredWrite[] = [];
    const global = scopes.globalScope;
    if (!global) return { analysed: true, writes };
    for (const ref of global.through) {
      const w = accidental(ref);
      if (w) writes.push(w);
    }
    writes.sort((a, b) => a.line - b.line || a.column - b.column);
    return { analysed: true, writes };
  } catch (e) {
    // A module read without its type (from the resource cache) fails as a script; modules are strict anyway.
    if (e instanceof SyntaxError && parsesAsModule(source)) return { analysed: true, writes: [] };
    return { analysed: false, reason: reasonOf(e) };
  }
}

function parsesAsModule(source: string): boolean {
  try {
    parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
    return true;
  } catch {
    return false;
  }
}

/** A write that reaches the global object: sloppy code, no declaration on the way up, no `with` in between. */
function accidental(ref: Reference): UndeclaredWrite | null {
  if (!ref.isWrite() || ref.from.isStrict) return null;
  const name = ref.identifier.name;
  // eslint-scope leaves every reference unresolved in a scope that calls eval directly (the eval may declare it);
  // resolve by hand so a local assigned next to an eval is not taken for a global.
  for (let s: Scope | null = ref.from; s; s = s.upper) {
    if (s.type === 'with') return null; // may be a property of the with-object
    if (s.set.has(name)) return null;
  }
  const loc = ref.identifier.loc;
  if (!loc) return null;
  return { name, line: loc.start.line, column: loc.start.column, functionName: functionNameOf(ref.from) };
}

function functionNameOf(scope: Scope): string {
  const fn = scope.variableScope.block as {
    type: string;
    id?: { name?: string } | null;
  };
  if (fn.type === 'Program') return '';
  return fn.id?.name ?? '';
}

function reasonOf(e: unknown): string {
  if (e instanceof SyntaxError) return `syntax error: ${e.message}`;
  if (e instanceof RangeError) return 'nested too deeply to parse';
  return e instanceof Error ? e.message : String(e);
}
