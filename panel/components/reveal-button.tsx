import { useState } from 'preact/hooks';
import { canReveal, type RevealResult } from '../reveal/reveal.ts';

/**
 * "Reveal in Elements" for a page element: a keyboard-reachable button; what happened (the element left the
 * document, several matched) is said next to it, as text.
 */
export function RevealButton({ reveal }: { reveal: () => Promise<RevealResult> }) {
  const [status, setStatus] = useState<string | null>(null);
  if (!canReveal()) return null;
  const onClick = (e: Event) => {
    e.stopPropagation();
    setStatus('…');
    void reveal().then((r) => {
      if (r.kind === 'revealed') setStatus(r.matches > 1 ? `first of ${r.matches} matching elements` : null);
      else setStatus(r.message);
    });
  };
  return (
    <>
      {/* An icon button (like DevTools' own reveal icons): its name is the aria-label; no text in the cell. */}
      <button
        type="button"
        class="ls-link ls-reveal"
        aria-label="Reveal in Elements"
        title="Reveal in Elements"
        onClick={onClick}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <circle cx="6" cy="6" r="3.5" fill="none" stroke="currentColor" stroke-width="1.3" />
          <path d="M6 0v3M6 9v3M0 6h3M9 6h3" stroke="currentColor" stroke-width="1.3" />
        </svg>
      </button>
      {status && (
        <span class="ls-muted ls-reveal-status" role="status">
          {' '}
          {status}
        </span>
      )}
    </>
  );
}
