/**
 * Source-mapped callsites (panel and command line): finds a script's source map (from `Debugger.scriptParsed`), loads it
 * lazily the first time one of its callsites is shown, and maps generated positions to original ones. One
 * map per URL is loaded and parsed at most once per document; a map that fails to load or parse is remembered
 * as absent, and its callsites keep their generated position. Nothing here writes to the console.
 */
import type { Callsite, SourcePosition } from '../callsite.ts';
import type { CdpTransport } from '../cdp/transport.ts';
import type { Report } from '../report/model.ts';
import { decodeDataUrl, resolveMapUrl } from './map-url.ts';
import { listScripts, type ScriptInfo } from './scripts.ts';
import { MAX_MAP_CHARS, originalPosition, parseSourceMap, type SourceMap } from './source-map.ts';

/**
 * Whether the page may be asked now. The panel says no while its debugger is detached: showing a callsite must
 * never attach it. The command line's session is always usable.
 */
export type SessionUsable = () => boolean;

/** A callsite with its original position, when the script has a usable source map. */
export interface MappedCallsite {
  generated: Callsite;
  /** Null when the script has no map or the position is unmapped. */
  original: SourcePosition | null;
}

/** Listing scripts costs a Debugger enable/disable; an unknown URL triggers it at most this often. */
const RELIST_MS = 2000;
const IO_CHUNK = 1 << 20;

export class CallsiteMaps {
  /** Script URL → its map URL (absolute or data:), null when the script has none. */
  private mapOf = new Map<string, string | null>();
  private maps = new Map<string, Promise<SourceMap | null>>();
  private listing: Promise<void> | null = null;
  private listedAt = -Infinity;
  private generation = 0;

  private readonly load: (url: string) => Promise<string | null>;

  constructor(
    private readonly session: CdpTransport,
    private readonly usable: SessionUsable = () => true,
    /** How a map file is loaded; the default goes through the page's own network stack (see loadMapText). */
    load?: (url: string) => Promise<string | null>,
  ) {
    this.load = load ?? ((url) => (usable() ? loadMapText(session, url) : Promise.resolve(null)));
  }

  /** A new document: its scripts and maps may differ. */
  reset(): void {
    this.mapOf.clear();
    this.maps.clear();
    this.listedAt = -Infinity;
    this.generation++;
  }

  /** Scripts someone else just listed (the scan does): their maps become known without listing again. */
  learn(scripts: readonly ScriptInfo[]): void {
    for (const s of scripts) this.mapOf.set(s.url, resolveMapUrl(s.sourceMapURL, s.url));
  }

  async resolve(c: Callsite): Promise<MappedCallsite> {
    const generated = c;
    const generation = this.generation;
    const url = c.url;
    if (!url) return { generated, original: null };
    try {
      const mapUrl = await this.mapUrlOf(url);
      if (!mapUrl || generation !== this.generation) return { generated, original: null };
      const map = await this.mapAt(mapUrl, url);
      const at = map && originalPosition(map, c.line - 1, c.column - 1);
      if (!at) return { generated, original: null };
      return {
        generated,
        original: { url: at.url, line: at.line + 1, column: at.column + 1 },
      };
    } catch {
      return { generated, original: null }; // a detached session, a page gone: the generated position stands
    }
  }

  private async mapUrlOf(url: string): Promise<string | null> {
    if (!url || url.startsWith('chrome-extension:')) return null;
    if (!this.mapOf.has(url) && this.usable()) {
      if (!this.listing && performance.now() - this.listedAt > RELIST_MS) {
        this.listing = listScripts(this.session)
          .then((scripts) => this.learn(scripts))
          .finally(() => {
            this.listedAt = performance.now();
            this.listing = null;
          });
      }
      await this.listing;
      // Not a parsed script (eval code, a frame gone): remembered as map-less until the next document.
      if (!this.mapOf.has(url)) this.mapOf.set(url, null);
    }
    return this.mapOf.get(url) ?? null;
  }

  private mapAt(mapUrl: string, scriptUrl: string): Promise<SourceMap | null> {
    let p = this.maps.get(mapUrl);
    if (!p) {
      p = (async () => {
        const text = mapUrl.startsWith('data:')
          ? decodeDataUrl(mapUrl, MAX_MAP_CHARS)
          : await this.load(mapUrl);
        // An inline map's sources are relative to the script, a file's to the map.
        return text === null ? null : parseSourceMap(text, mapUrl.startsWith('data:') ? scriptUrl : mapUrl);
      })().catch(() => null);
      this.maps.set(mapUrl, p);
    }
    return p;
  }
}

/**
 * Loads a map file the way DevTools does, through the page's network stack (`Network.loadNetworkResource`,
 * allowed over chrome.debugger on Chromium 156 with the top frame's id; no credentials), read in chunks and
 * abandoned beyond MAX_MAP_CHARS.
 */
export async function loadMapText(session: CdpTransport, url: string): Promise<string | null> {
  if (!/^(https?|file):/i.test(url)) return null;
  const { frameTree } = await session.send<{ frameTree: { frame: { id: string } } }>('Page.getFrameTree');
  const { resource } = await session.send<{
    resource: { success: boolean; httpStatusCode?: number; stream?: string };
  }>('Network.loadNetworkResource', {
    frameId: frameTree.frame.id,
    url,
    options: { disableCache: false, includeCredentials: false },
  });
  if (!resource.success || !resource.stream) return null;
  const handle = resource.stream;
  try {
    if (resource.httpStatusCode !== undefined && resource.httpStatusCode !== 200) return null;
    let text = '';
    const utf8 = new TextDecoder(); // streaming: a character may straddle two base64 chunks
    for (;;) {
      const chunk = await session.send<{ data: string; base64Encoded?: boolean; eof: boolean }>('IO.read', {
        handle,
        size: IO_CHUNK,
      });
      text += chunk.base64Encoded
        ? utf8.decode(
            Uint8Array.from(atob(chunk.data), (ch) => ch.charCodeAt(0)),
            { stream: !chunk.eof },
          )
        : chunk.data;
      if (text.length > MAX_MAP_CHARS) return null;
      if (chunk.eof) return text;
    }
  } finally {
    await session.send('IO.close', { handle }).catch(() => {});
  }
}

/**
 * Adds each suspect callsite's original position to a report about to be exported (the optional
 * `callsite.original`); callsites without a usable map are left as they are.
 */
export async function addOriginalPositions(report: Report, maps: CallsiteMaps): Promise<void> {
  await Promise.all(
    report.suspects.map(async (s) => {
      const c = s.callsite;
      if (!c?.url) return;
      const { original } = await maps.resolve(c);
      if (original) c.original = original;
    }),
  );
}
