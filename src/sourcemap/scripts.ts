import type { Callsite } from '../callsite.ts';
import type { CdpTransport } from '../cdp/transport.ts';
import { suspectText } from '../suspects/index.ts';

/** One parsed script of the page, as `Debugger.scriptParsed` reports it. */
export interface ScriptInfo {
  scriptId: string;
  url: string;
  /** The `//# sourceMappingURL=` (or SourceMap header) value as Chrome read it, relative or `data:`; '' for none. */
  sourceMapURL: string;
}

/**
 * Every script the page has parsed: enabling the Debugger domain replays `Debugger.scriptParsed` for each
 * one already loaded (before `enable` answers); it is disabled again at once. Empty when Debugger is refused.
 */
export async function listScripts(session: CdpTransport): Promise<ScriptInfo[]> {
  const scripts: ScriptInfo[] = [];
  const off = session.onEvent?.((method, params) => {
    if (method !== 'Debugger.scriptParsed') return;
    const p = params as { scriptId?: unknown; url?: unknown; sourceMapURL?: unknown };
    if (typeof p.scriptId !== 'string' || typeof p.url !== 'string' || !p.url) return;
    scripts.push({
      scriptId: p.scriptId,
      url: p.url,
      sourceMapURL: typeof p.sourceMapURL === 'string' ? p.sourceMapURL : '',
    });
  });
  try {
    await session.send('Debugger.enable');
  } catch {
    return [];
  } finally {
    off?.();
    await session.send('Debugger.disable').catch(() => {});
  }
  return scripts;
}

/**
 * Fills in the script URL of callsites (of suspects, and of the scan's listeners and timers) the scan knows by
 * `scriptId` only, as page text like the rest of a suspect (bounded, bidi controls escaped: a script URL is the
 * page's to choose). Returns the scripts it listed, so their source maps are known without listing them again.
 */
export async function fillCallsiteUrls(
  session: CdpTransport,
  holders: Array<{ callsite: Callsite | null }>,
): Promise<ScriptInfo[]> {
  const wanted = holders.some((s) => s.callsite && !s.callsite.url && s.callsite.scriptId);
  if (!wanted) return [];
  const scripts = await listScripts(session);
  const urls = new Map(scripts.map((s) => [s.scriptId, s.url]));
  for (const s of holders) {
    const id = s.callsite?.scriptId;
    const url = id ? urls.get(id) : undefined;
    if (s.callsite && !s.callsite.url && url) s.callsite = { ...s.callsite, url: suspectText(url) };
  }
  return scripts;
}
