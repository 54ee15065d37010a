/**
 * Page and file strings (class, property and function names from a snapshot, URLs, titles) reach a terminal:
 * control characters (escape sequences, carriage returns) and format characters (bidi overrides, zero-width joiners)
 * must not, or a snapshot could rewrite the screen or reorder what a line says. Each becomes `?`.
 */
export function terminalText(s: string, max = 200): string {
  const clean = s.replace(/[^\P{Cc}]|\p{Cf}/gu, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
