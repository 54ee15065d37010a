import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A view's one-line summary: cut with an ellipsis when the panel is narrow, its full text in the tooltip
 * (followed by `note`, e.g. exact byte counts).
 */
export function Summary(props: { testid?: string; note?: string; children: ComponentChildren }) {
  const el = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const e = el.current;
    if (e) e.title = [e.textContent ?? '', props.note].filter(Boolean).join('\n');
  });
  return (
    <span class="ls-summary" data-testid={props.testid} ref={el}>
      {props.children}
    </span>
  );
}
