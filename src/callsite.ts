/**
 * Where a callback comes from: one type for the hook's records, the live scan, suspects, reports, the panel and
 * the command line. Lines and columns are 1-based everywhere, as people and DevTools' Sources show them; a CDP
 * position (0-based) becomes a Callsite once, in `definedAt`.
 */

/**
 * `registered`: the addEventListener / setTimeout / observer call the hook recorded (only while a panel is
 * connected, or when the page was reloaded to record from the start). `defined`: where the callback function is
 * defined (`[[FunctionLocation]]`, a listener's handler location) — all that can be known of a registration made
 * before Leakscope was connected. `assigned`: where sloppy code assigns an undeclared global (an accidental global).
 */
export type CallsiteKind = 'registered' | 'defined' | 'assigned';

/** A position in a script, 1-based. */
export interface SourcePosition {
  url: string;
  line: number;
  column: number;
}

export interface Callsite {
  kind: CallsiteKind;
  /** Null until known: a scan learns the scriptId first, the panel fills the URL from `Debugger.scriptParsed`. */
  url: string | null;
  scriptId: string | null;
  /** 1-based. */
  line: number;
  column: number;
  functionName: string;
  /** The original position from the script's source map; absent when it has none (or it was not looked up). */
  original?: SourcePosition;
}

/** Where a function is defined, from CDP's 0-based position (`[[FunctionLocation]]`, a listener's `lineNumber`). */
export function definedAt(
  scriptId: string | null,
  lineNumber: number,
  columnNumber: number,
  functionName: string,
  url: string | null = null,
): Callsite {
  return { kind: 'defined', url, scriptId, line: lineNumber + 1, column: columnNumber + 1, functionName };
}

/** `/app.js:12:3` — the script's path without its origin (the URL as is when it has no path). */
export function positionText(c: SourcePosition | Callsite): string {
  const url = c.url ?? '(unknown script)';
  const file = url.replace(/^[a-z-]+:\/\/[^/]+/i, '') || url;
  return `${file}:${c.line}:${c.column}`;
}

/** The words before a position: "registered at" or "defined at". */
export const CALLSITE_LABEL: Record<CallsiteKind, string> = {
  registered: 'registered at',
  defined: 'defined at',
  assigned: 'assigned at',
};

/**
 * One line for people: `defined at /app.js:12:3 in onResize()`; with a source map the original position, and the
 * generated one in brackets: `registered at src/chart.ts:40:5 (generated /app.js:1:9051) in draw()`.
 * `label: false` leaves out "defined at"; `fullUrl` keeps the origin (exports, where the reader has no page).
 */
export function callsiteText(c: Callsite, opts: { fullUrl?: boolean; label?: boolean } = {}): string {
  const at = (p: SourcePosition | Callsite) =>
    opts.fullUrl ? `${p.url ?? '(unknown script)'}:${p.line}:${p.column}` : positionText(p);
  const where = c.original ? `${at(c.original)} (generated ${at(c)})` : at(c);
  const fn = c.functionName ? ` in ${c.functionName}()` : '';
  return `${opts.label === false ? '' : `${CALLSITE_LABEL[c.kind]} `}${where}${fn}`;
}

/** "Defined at", for a heading or a field name. */
export const callsiteHeading = (kind: CallsiteKind): string =>
  CALLSITE_LABEL[kind].charAt(0).toUpperCase() + CALLSITE_LABEL[kind].slice(1);

/** The same function definition, or the same registering call (position only: names differ with the label). */
export function samePosition(a: Callsite | null, b: Callsite | null): boolean {
  if (!a || !b) return false;
  const script = a.scriptId !== null && b.scriptId !== null ? a.scriptId === b.scriptId : a.url === b.url;
  return script && a.line === b.line && a.column === b.column;
}
