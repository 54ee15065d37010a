/**
 * Where a script's source map is, from `Debugger.scriptParsed`'s `sourceMapURL` (already taken from the
 * `//# sourceMappingURL=` comment or the SourceMap header by Chrome): a `data:` URL carries the map itself.
 */

/** The map URL resolved against the script's URL; null for an empty or unparsable one. */
export function resolveMapUrl(sourceMapURL: string, scriptUrl: string): string | null {
  if (!sourceMapURL) return null;
  try {
    return new URL(sourceMapURL, scriptUrl || undefined).href;
  } catch {
    return null;
  }
}

/** The text of a `data:` map URL (base64 or percent-encoded), or null when it is not one or does not decode. */
export function decodeDataUrl(url: string, maxChars: number): string | null {
  const m = /^data:([^,]*),/i.exec(url);
  if (!m) return null;
  const payload = url.slice(m[0].length);
  // base64 is 4/3 the size of its bytes: refuse early what would decode beyond the cap.
  if (payload.length > maxChars * 1.4 + 16) return null;
  try {
    if (/;base64$/i.test(m[1])) {
      const bin = atob(payload);
      const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    }
    return decodeURIComponent(payload);
  } catch {
    return null;
  }
}
