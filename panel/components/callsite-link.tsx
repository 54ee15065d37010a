import { useEffect, useState } from 'preact/hooks';
import type { Callsite } from '../../src/protocol/messages.ts';
import { formatCallsite } from '../../src/registry/group-listeners.ts';
import { callsiteMaps } from './callsite-link-maps.ts';

const full = (c: Callsite) => `${c.url}:${c.line}:${c.column}`;

/** The original position of a callsite when its script has a source map; resolved lazily, once shown. */
function useOriginal(callsite: Callsite | null): Callsite | null {
  const [original, setOriginal] = useState<{ key: string; at: Callsite | null } | null>(null);
  const key = callsite ? full(callsite) : '';
  useEffect(() => {
    const maps = callsiteMaps();
    if (!callsite || !maps) return;
    let live = true;
    void maps.resolve(callsite).then((m) => {
      if (live) setOriginal({ key, at: m.original });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return original?.key === key ? original.at : null;
}

/** Opens `c` in DevTools (Sources); false when DevTools does not know that URL. */
async function open(c: Callsite): Promise<boolean> {
  try {
    // openResource takes 0-based line and column numbers.
    await chrome.devtools.panels.openResource(c.url, Math.max(0, c.line - 1), Math.max(0, c.column - 1));
    return true;
  } catch {
    return false;
  }
}

/**
 * A callsite as a link that opens the script in DevTools' Sources panel at that line. With a source map, it
 * shows and opens the original position (the generated one in the tooltip), falling back to the generated
 * script when DevTools has not loaded the original.
 */
export function CallsiteLink({ callsite }: { callsite: Callsite | null }) {
  const original = useOriginal(callsite);
  if (!callsite) return <span class="ls-muted">—</span>;
  const onClick = (e: Event) => {
    e.stopPropagation();
    void (async () => {
      if (original && (await open(original))) return;
      await open(callsite);
    })();
  };
  return (
    <button
      type="button"
      class="ls-link ls-code"
      onClick={onClick}
      data-generated={full(callsite)}
      data-original={original ? full(original) : undefined}
      title={original ? `${full(original)}\ngenerated: ${full(callsite)}` : full(callsite)}
    >
      {formatCallsite(original ?? callsite)}
    </button>
  );
}
