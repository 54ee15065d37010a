import type { Suspect } from '../../src/suspects/types.ts';
import type { DebuggerSession } from '../cdp/debugger-session.ts';

/**
 * Fills in the script URL of suspects' callsites: the scan knows functions by `scriptId` only. Enabling the
 * Debugger domain replays `Debugger.scriptParsed` for every script already loaded (before `enable` answers),
 * which maps ids to URLs; it is disabled again at once.
 */
export async function fillCallsiteUrls(session: DebuggerSession, suspects: Suspect[]): Promise<void> {
  const wanted = new Set<string>();
  for (const s of suspects)
    if (s.callsite && !s.callsite.url && s.callsite.scriptId) wanted.add(s.callsite.scriptId);
  if (!wanted.size) return;
  const urls = new Map<string, string>();
  const off = session.onEvent((method, params) => {
    if (method !== 'Debugger.scriptParsed') return;
    const p = params as { scriptId?: unknown; url?: unknown };
    if (typeof p.scriptId === 'string' && typeof p.url === 'string' && p.url && wanted.has(p.scriptId)) {
      urls.set(p.scriptId, p.url);
    }
  });
  try {
    await session.send('Debugger.enable');
  } catch {
    return; // no URLs: callsites keep their function name
  } finally {
    off();
    await session.send('Debugger.disable').catch(() => {});
  }
  for (const s of suspects) {
    const id = s.callsite?.scriptId;
    if (s.callsite && id && urls.has(id)) s.callsite = { ...s.callsite, url: urls.get(id)! };
  }
}
