/**
 * Which globals the page's own code created by accident: at run time `function f(){ x = 1 }` and a library's
 * `e.React = …` leave identical properties on window; only the source tells an assignment to an undeclared
 * identifier (sloppy mode) from a property set on the global object on purpose.
 */
import type { DomNodeLike } from './detached.ts';
import { type PageScript, pageScripts } from './page-scripts.ts';
import type { PageSession } from './session.ts';
import type { Callsite } from './types.ts';
import { undeclaredWrites, type WriteAnalysis } from './undeclared-writes.ts';

/**
 * Parsing runs in the panel's thread (~1 s per 10 MB unloaded): past this many characters parsed the remaining
 * scripts are left out. A size, not a time, so the same page gives the same answer on a loaded machine.
 */
export const PARSE_BUDGET_CHARS = 8 << 20;

/**
 * Analyses by V8's content hash: a scan is often repeated (the growth rules compare three), and the libraries'
 * bundles are the same on every page of a site; a known script is neither fetched nor parsed again.
 */
const MAX_CACHED = 500;
const analysisCache = new Map<string, WriteAnalysis>();

function remember(hash: string, a: WriteAnalysis): void {
  if (analysisCache.size >= MAX_CACHED) analysisCache.delete(analysisCache.keys().next().value!);
  analysisCache.set(hash, a);
}

export interface AccidentalGlobals {
  /** For each of the names asked about that sloppy code assigns undeclared: the first such assignment (null: where is unknown). */
  at: Map<string, Callsite | null>;
  /** Scripts not analysed and why (too large, syntax error, budget), for the scan's notes. */
  notAnalysed: Array<{ url: string | null; reason: string }>;
}

function callsiteOf(script: PageScript, line: number, column: number, functionName: string): Callsite | null {
  // An inline script whose place in its document is unknown has no position worth clicking to.
  if (!script.start) return null;
  // acorn: 1-based line, 0-based column; the script's start in its document: 0-based (CDP).
  return {
    kind: 'assigned',
    url: script.url,
    scriptId: script.scriptId,
    line: script.start.line + line,
    column: (line === 1 ? script.start.column : 0) + column + 1,
    functionName,
  };
}

/** Finds, for each of `names` (globals created by assignment), where the page's code assigns it undeclared. */
export async function accidentalGlobals(
  s: PageSession,
  names: readonly string[],
  root: DomNodeLike,
  budgetChars = PARSE_BUDGET_CHARS,
): Promise<AccidentalGlobals> {
  const at = new Map<string, Callsite | null>();
  const notAnalysed: AccidentalGlobals['notAnalysed'] = [];
  if (names.length === 0) return { at, notAnalysed };
  const wanted = new Set(names);
  const found = new Set<string>();
  const { scripts, skipped } = await pageScripts(s, root, (hash) => analysisCache.has(hash));
  const record = (script: PageScript, r: WriteAnalysis) => {
    if (!r.analysed) {
      notAnalysed.push({ url: script.url, reason: r.reason });
      return;
    }
    for (const w of r.writes) {
      if (!wanted.has(w.name) || found.has(w.name)) continue;
      found.add(w.name);
      at.set(w.name, callsiteOf(script, w.line, w.column, w.functionName));
    }
  };
  for (const script of scripts) {
    const known = script.hash !== null ? analysisCache.get(script.hash) : undefined;
    if (known) record(script, known);
  }
  // A script can only assign a name it spells out (escaped identifiers aside): the others need no parse. Smallest
  // first: the page's own code is usually smaller than the libraries, and gets analysed within the budget.
  // (With very many names the search would cost more than the parse it saves.)
  const mentions = (source: string) =>
    names.length > 64 || names.some((n) => !found.has(n) && source.includes(n));
  const relevant = scripts
    .filter((script): script is PageScript & { source: string } => script.source !== null)
    .filter((script) => !(script.hash !== null && analysisCache.has(script.hash)) && mentions(script.source))
    .sort((a, b) => a.source.length - b.source.length);
  let parsed = 0;
  for (const [i, script] of relevant.entries()) {
    if (found.size === wanted.size) break;
    if (parsed + script.source.length > budgetChars) {
      notAnalysed.push({ url: null, reason: `${relevant.length - i} more script(s): parse budget spent` });
      break;
    }
    parsed += script.source.length;
    const r = undeclaredWrites(script.source, { module: script.module });
    if (script.hash !== null) remember(script.hash, r);
    record(script, r);
  }
  if (skipped > 0)
    notAnalysed.push({ url: null, reason: `${skipped} more script(s): too many or too large` });
  return { at, notAnalysed };
}
