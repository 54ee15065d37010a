import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The element's clientWidth, kept current by a ResizeObserver, so a layout effect that depends on it re-runs. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
