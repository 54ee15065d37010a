import { useState } from 'preact/hooks';
import { canReveal, type RevealResult } from '../reveal/reveal.ts';

/**
 * "Reveal in Elements" for a page element: a keyboard-reachable button; what happened (the element left the
 * document, several matched) is said next to it, as text. When the row stops being revealable (the page removed the
 * element, so the next update hides the button) the answer to a click already made stays: it is what the user asked.
 */
export function RevealButton({
  reveal,
  available = true,
}: {
  reveal: () => Promise<RevealResult>;
  /** False once the element is known to be gone: no button, but the answer to an earlier click still shows. */
  available?: boolean;
}) {
  const [status, setStatus] = useState<string | null>(null);
  if (!canReveal()) return null;
  const statusText = status && (
    <span class="ls-muted ls-reveal-status" role="status">
      {' '}
      {status}
    </span>
  );
  if (!available) return statusText || null;
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
      {/* An icon button (a CSS-drawn ring, like DevTools' reveal icons): named by its aria-label, no text in the
          cell; no <svg> either — the panel never contains svg/img elements (tests/e2e/security-hostile.test.ts). */}
      <button
        type="button"
        class="ls-link ls-reveal"
        aria-label="Reveal in Elements"
        title="Reveal in Elements"
        onClick={onClick}
        onKeyDown={(e) => e.stopPropagation()}
      ></button>
      {statusText}
    </>
  );
}
