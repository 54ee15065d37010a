import { useContext, useEffect, useState } from 'preact/hooks';
import { CALLSITE_LABEL, type Callsite, positionText, type SourcePosition } from '../../src/callsite.ts';
import { CallsiteMapsContext } from './callsite-maps-context.ts';

const full = (p: SourcePosition | Callsite) => `${p.url}:${p.line}:${p.column}`;

/** Why a callsite is a definition, not the registering call: said in the tooltip, where there is room. */
const KIND_NOTE: Record<Callsite['kind'], string> = {
  registered: 'Where it was registered.',
  defined:
    'Where the callback is defined: it was registered before Leakscope was connected. Reload the page with the panel open to record where it is registered.',
  assigned: 'Where the page’s code assigns it without declaring it.',
};

/** The original position of a callsite when its script has a source map; resolved lazily, once shown. */
function useOriginal(callsite: Callsite | null): SourcePosition | null {
  const [original, setOriginal] = useState<{ key: string; at: SourcePosition | null } | null>(null);
  const key = callsite?.url ? full(callsite) : '';
  const maps = useContext(CallsiteMapsContext);
  useEffect(() => {
    if (!callsite?.url || callsite.original || !maps) return;
    let live = true;
    void maps.resolve(callsite).then((m) => {
      if (live) setOriginal({ key, at: m.original });
    });
    return () => {
      live = false;
    };
  }, [key, maps]);
  return callsite?.original ?? (original?.key === key ? original.at : null);
}

/** Opens `p` in DevTools (Sources); false when DevTools does not know that URL. */
async function open(p: SourcePosition): Promise<boolean> {
  try {
    // openResource takes 0-based line and column numbers.
    await chrome.devtools.panels.openResource(p.url, Math.max(0, p.line - 1), Math.max(0, p.column - 1));
    return true;
  } catch {
    return false;
  }
}

/**
 * A callsite — "registered at", "defined at" or "assigned at" — as a link that opens the script in DevTools'
 * Sources panel at that line. With a source map, it shows and opens the original position (the generated one in
 * the tooltip), falling back to the generated script when DevTools has not loaded the original.
 */
/** Why a registration has no callsite yet, and how to get one. */
export const NOT_RECORDED =
  'Registered before Leakscope was connected. Scan to see where its callback is defined, or reload the page with the panel open to record where it is registered.';

export function CallsiteLink({ callsite, missing }: { callsite: Callsite | null; missing?: string }) {
  const original = useOriginal(callsite);
  if (!callsite)
    return (
      <span class="ls-muted" title={missing}>
        —
      </span>
    );
  const label = CALLSITE_LABEL[callsite.kind];
  // The place first, then what kind of place: a narrow column cut after "defined at" showed no place at all.
  const kind = <span class="ls-callsite-kind"> · {callsite.kind}</span>;
  const url = callsite.url;
  if (!url) {
    return (
      <span
        class="ls-code"
        title={`${label} line ${callsite.line} of a script DevTools does not list\n${KIND_NOTE[callsite.kind]}`}
      >
        (unknown script):{callsite.line}:{callsite.column}
        {kind}
      </span>
    );
  }
  const generated = { url, line: callsite.line, column: callsite.column };
  const onClick = (e: Event) => {
    e.stopPropagation();
    void (async () => {
      if (original && (await open(original))) return;
      await open(generated);
    })();
  };
  const where = original ? `${full(original)}\ngenerated: ${full(generated)}` : full(generated);
  return (
    <span class="ls-callsite">
      <button
        type="button"
        class="ls-link ls-code"
        onClick={onClick}
        data-kind={callsite.kind}
        data-generated={full(generated)}
        data-original={original ? full(original) : undefined}
        aria-label={`${label} ${positionText(original ?? generated)}`}
        title={`${label} ${where}\n${KIND_NOTE[callsite.kind]}`}
      >
        {positionText(original ?? generated)}
      </button>
      {kind}
    </span>
  );
}
