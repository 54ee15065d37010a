import type { Callsite } from '../../src/protocol/messages.ts';
import { formatCallsite } from '../../src/registry/group-listeners.ts';

/** A callsite as a link that opens the script in DevTools' Sources panel at that line. */
export function CallsiteLink({ callsite }: { callsite: Callsite | null }) {
  if (!callsite) return <span class="ls-muted">—</span>;
  const open = (e: Event) => {
    e.stopPropagation();
    // openResource takes a 0-based line number.
    void chrome.devtools.panels.openResource(
      callsite.url,
      Math.max(0, callsite.line - 1),
      Math.max(0, callsite.column - 1),
    );
  };
  return (
    <button
      type="button"
      class="ls-link ls-code"
      onClick={open}
      title={`${callsite.url}:${callsite.line}:${callsite.column}`}
    >
      {formatCallsite(callsite)}
    </button>
  );
}
