import { cutBefore } from '../page-text.ts';
/** Making page-derived strings safe and readable in exports. Every string from a report goes through here. */

/** How many characters of one page string an export shows. */
export const DISPLAY_MAX = 300;

/**
 * Control characters and bidirectional overrides become visible tags: U+202E would otherwise reverse the text after
 * it (a classic way to disguise `gnp.exe` as `exe.png`), and controls can break layouts or terminals.
 */
// Cc = controls except tab and line breaks; Cf = format characters (bidi overrides and isolates, zero-width, BOM).
const INVISIBLE = /[^\P{Cc}\t\n\r]|\p{Cf}/gu;

export function neutralize(s: string): string {
  return s.replace(INVISIBLE, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Cut for display (before escaping, so no entity is cut in half), without splitting a surrogate pair. */
export function truncate(s: string, max: number = DISPLAY_MAX): string {
  if (s.length <= max) return s;
  const shown = cutBefore(s, max - 1);
  return `${shown}… (${s.length - shown.length} more characters)`;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one HTML escape: text and attribute values alike; truncates and makes invisible characters visible. */
export function escapeHtml(s: string, max: number = DISPLAY_MAX): string {
  return neutralize(truncate(String(s), max)).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** Markdown (GitHub-flavoured) text: every character with a meaning is backslash-escaped, `<`/`>` become entities. */
export function escapeMarkdown(s: string, max: number = DISPLAY_MAX): string {
  return neutralize(truncate(String(s), max))
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A Markdown code span that no backtick in `s` can close early. Code spans render HTML and Markdown as text. */
export function codeSpan(s: string, max: number = DISPLAY_MAX): string {
  const text = neutralize(truncate(String(s), max)).replace(/[\r\n\t]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
