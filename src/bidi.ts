/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) in page text would reorder
 * what follows them on screen: `invoice\u202Egnp.exe` reads as `invoiceexe.png`. Every page string the panel and the
 * exports show passes through here (via the protocol's and the report's clampString), which shows them as escapes.
 * Its own module: the relay content script imports it on every page.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function showBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
