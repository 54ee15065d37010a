/**
 * The source text of the page's scripts, with where each starts, for the source analysis of globals.
 * Three ways in, each covering what the one before may miss:
 * 1. `Debugger.enable` replays `Debugger.scriptParsed` for every script V8 still has (inline, external, eval'd,
 *    inserted later), with its position in its document; `Debugger.getScriptSource` gives the text. Needs a
 *    transport that delivers events.
 * 2. Inline `<script>` text from the DOM: V8 may have collected a script whose functions are all gone.
 * 3. External scripts from the page's resource cache (`Page.getResourceContent`).
 */
import type { DomNodeLike } from './detached.ts';
import type { PageSession } from './session.ts';

export interface PageScript {
  /** The script's URL; for an inline script its document's; null for eval'd code. */
  url: string | null;
  scriptId: string | null;
  /** Where the script's first character is in `url` (0-based), or null when not known (an inline script from the DOM). */
  start: { line: number; column: number } | null;
  module: boolean;
  /** V8's content hash (SHA-256), for scripts the Debugger reported; the key of the analysis cache. */
  hash: string | null;
  /** Null only when the caller already knows the script by its hash: its text is not fetched again. */
  source: string | null;
}

export const MAX_SCRIPTS = 400;
export const MAX_TOTAL_CHARS = 16 << 20;

interface ScriptParsed {
  scriptId: string;
  url: string;
  startLine: number;
  startColumn: number;
  isModule?: boolean;
  length?: number;
  hash?: string;
  scriptLanguage?: string;
  executionContextAuxData?: { isDefault?: boolean; frameId?: string };
}

interface ResourceTree {
  frameTree: { frame: { id: string; url: string }; resources: Array<{ url: string; type: string }> };
}

/** Scripts V8 reports for the frame's main world (not isolated worlds, not other frames), with their text. */
async function debuggerScripts(
  s: PageSession,
  frameId: string,
  isKnown: (hash: string) => boolean,
): Promise<{ scripts: PageScript[]; dropped: number }> {
  const seen: ScriptParsed[] = [];
  const off = s.onEvent((method, params) => {
    if (method !== 'Debugger.scriptParsed') return;
    const p = params as ScriptParsed;
    const aux = p.executionContextAuxData;
    if (typeof p.scriptId !== 'string' || !aux?.isDefault || aux.frameId !== frameId) return;
    if (p.scriptLanguage === 'WebAssembly') return;
    seen.push(p);
  });
  if (!off) return { scripts: [], dropped: 0 };
  try {
    const enabled = await s.send('Debugger.enable').then(
      () => true,
      () => false,
    );
    off();
    if (!enabled) return { scripts: [], dropped: 0 };
    const wanted = seen.filter((p) => (p.length ?? 0) <= MAX_TOTAL_CHARS).slice(0, MAX_SCRIPTS);
    // getScriptSource needs the Debugger still enabled: script ids die with Debugger.disable.
    const known = (p: ScriptParsed) => typeof p.hash === 'string' && p.hash !== '' && isKnown(p.hash);
    const sources = await s.pool(
      wanted,
      (p) =>
        known(p)
          ? Promise.resolve('')
          : s.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: p.scriptId }).then(
              (r) => r.scriptSource,
              () => null,
            ),
      16,
    );
    const out: PageScript[] = [];
    wanted.forEach((p, i) => {
      const source = sources[i];
      if (typeof source !== 'string') return;
      out.push({
        url: p.url || null,
        scriptId: p.scriptId,
        start: { line: p.startLine, column: p.startColumn },
        module: p.isModule === true,
        hash: p.hash || null,
        source: known(p) ? null : source,
      });
    });
    return { scripts: out, dropped: seen.length - wanted.length };
  } finally {
    off();
    // Debugger stays on only for this: an enabled debugger makes V8 keep every script's source.
    await s.send('Debugger.disable').catch(() => {});
  }
}

function isModuleScript(n: DomNodeLike): boolean {
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2)
    if (a[i].toLowerCase() === 'type' && a[i + 1].trim().toLowerCase() === 'module') return true;
  return false;
}

type InlineScript = { text: string; module: boolean };

function inlineScripts(n: DomNodeLike, out: InlineScript[] = []): InlineScript[] {
  if (n.nodeName === 'SCRIPT')
    for (const c of n.children ?? [])
      out.push({ text: (c as { nodeValue?: string }).nodeValue ?? '', module: isModuleScript(n) });
  for (const c of n.children ?? []) inlineScripts(c, out);
  for (const c of n.shadowRoots ?? []) inlineScripts(c, out);
  return out;
}

/** Where `text` starts in `html`, if it occurs there (an inline script in its document). */
function positionIn(html: string | null, text: string): { line: number; column: number } | null {
  if (!html || !text) return null;
  const at = html.indexOf(text);
  if (at < 0) return null;
  let line = 0;
  let lineStart = 0;
  for (let i = html.indexOf('\n'); i >= 0 && i < at; i = html.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart };
}

/**
 * The page's scripts, each once, within MAX_SCRIPTS and MAX_TOTAL_CHARS; `skipped` counts those left out.
 * Throws only on a navigation or abort (from the session); unreadable sources are left out.
 */
export async function pageScripts(
  s: PageSession,
  root: DomNodeLike,
  isKnown: (hash: string) => boolean = () => false,
): Promise<{ scripts: PageScript[]; skipped: number }> {
  await s.send('Page.enable');
  const { frameTree } = await s.send<ResourceTree>('Page.getResourceTree');
  const frame = frameTree.frame;
  const content = (url: string) =>
    s
      .send<{ content: string; base64Encoded: boolean }>('Page.getResourceContent', {
        frameId: frame.id,
        url,
      })
      .then(
        (r) => (r.base64Encoded ? null : r.content),
        () => null,
      );

  const scripts: PageScript[] = [];
  const texts = new Set<string>();
  let chars = 0;
  let skipped = 0;
  const add = (script: PageScript) => {
    const text = script.source ?? '';
    if (script.source !== null && texts.has(text)) return;
    if (scripts.length >= MAX_SCRIPTS || chars + text.length > MAX_TOTAL_CHARS) {
      skipped++;
      return;
    }
    if (script.source !== null) texts.add(text);
    chars += text.length;
    scripts.push(script);
  };

  const urls = new Set<string>();
  const fromDebugger = await debuggerScripts(s, frame.id, isKnown);
  skipped += fromDebugger.dropped;
  for (const script of fromDebugger.scripts) {
    if (script.url) urls.add(script.url);
    add(script);
  }

  const inline = inlineScripts(root).filter((t) => t.text.trim() !== '' && !texts.has(t.text));
  const html = inline.length > 0 ? await content(frame.url) : null;
  for (const { text, module } of inline)
    add({ url: frame.url, scriptId: null, start: positionIn(html, text), module, hash: null, source: text });

  const external = frameTree.resources
    .filter((r) => r.type === 'Script' && !urls.has(r.url))
    .slice(0, MAX_SCRIPTS);
  const bodies = await s.pool(external, (r) => content(r.url), 16);
  external.forEach((r, i) => {
    const body = bodies[i];
    if (body !== null)
      add({
        url: r.url,
        scriptId: null,
        start: { line: 0, column: 0 },
        module: false,
        hash: null,
        source: body,
      });
  });
  return { scripts, skipped };
}
