/**
 * Page text as Leakscope shows it — one clamp for the protocol, the suspects and the reports (a page can name a
 * global 1 MB long), and bidi controls made visible. Its own small module: the relay content script imports it on
 * every page.
 */

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) in page text would reorder
 * what follows them on screen: `invoice\u202Egnp.exe` reads as `invoiceexe.png`. Every page string the panel and the
 * exports show passes through here (via clampPageText), which shows them as escapes.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function showBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The first `end` characters of `s`, one fewer when the cut would split a surrogate pair. */
export function cutBefore(s: string, end: number): string {
  const code = s.charCodeAt(end - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/**
 * At most `max` characters, bidi controls shown as escapes (counted in the length), and an ellipsis where text was
 * cut — never half a surrogate pair.
 */
export function clampPageText(text: string, max: number): string {
  const cut = text.length > max;
  const shown = showBidiControls(cut ? text.slice(0, max) : text);
  if (!cut && shown.length <= max) return shown;
  return `${cutBefore(shown, max - 1)}…`;
}
