import type { DomNodeLike } from './detached.ts';
import type { PageSession } from './session.ts';

/** Text of inline <script> elements (the DOM keeps it; the resource cache often does not have the document). */
function inlineScripts(n: DomNodeLike & { nodeValue?: string }, out: string[] = []): string[] {
  if (n.nodeName === 'SCRIPT')
    for (const c of n.children ?? []) out.push((c as { nodeValue?: string }).nodeValue ?? '');
  for (const c of n.children ?? []) inlineScripts(c, out);
  for (const c of n.shadowRoots ?? []) inlineScripts(c, out);
  return out;
}

interface ResourceTree {
  frameTree: { frame: { id: string; url: string }; resources: Array<{ url: string; type: string }> };
}

const MAX_SOURCES = 60;
const MAX_BYTES = 8 << 20;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which of `names` the page's own sources (its document and scripts, from the page's resource cache) name as a
 * property of the global object: `window.x`, `globalThis.x`, `self.x`, `window['x']`. Such globals were created on
 * purpose; the others were created by a bare assignment. Null when the sources could not be read.
 */
export async function explicitGlobals(
  s: PageSession,
  names: readonly string[],
  root: DomNodeLike,
): Promise<Set<string> | null> {
  if (names.length === 0) return new Set();
  try {
    const texts = inlineScripts(root);
    let bytes = texts.reduce((a, t) => a + t.length, 0);
    // External scripts: best effort from the page's resource cache.
    await s.send('Page.enable');
    const { frameTree } = await s.send<ResourceTree>('Page.getResourceTree');
    const urls = frameTree.resources.filter((r) => r.type === 'Script').map((r) => r.url);
    const contents = await s.pool(urls.slice(0, MAX_SOURCES), (url) =>
      s
        .send<{ content: string; base64Encoded: boolean }>('Page.getResourceContent', {
          frameId: frameTree.frame.id,
          url,
        })
        .then(
          (r) => (r.base64Encoded ? '' : r.content),
          () => '',
        ),
    );
    for (const c of contents) {
      if (bytes + c.length > MAX_BYTES) break;
      bytes += c.length;
      texts.push(c);
    }
    const all = texts.join('\n');
    const out = new Set<string>();
    for (const name of names) {
      const n = escapeRe(name);
      const re = new RegExp(
        `\\b(?:window|globalThis|self|top)\\s*(?:\\?\\.|\\.)\\s*${n}\\b|\\b(?:window|globalThis|self|top)\\s*\\[\\s*['"\`]${n}['"\`]\\s*\\]`,
      );
      if (re.test(all)) out.add(name);
    }
    return out;
  } catch {
    return null;
  }
}
