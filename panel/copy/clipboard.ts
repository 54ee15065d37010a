/**
 * Puts text on the clipboard from a DevTools extension panel. DevTools' extension iframes are not granted the
 * async Clipboard API (navigator.clipboard.writeText rejects there), but a `copy` command during a user action
 * still works: the one-shot copy listener fills the clipboard with our text instead of the selection.
 */
export function copyText(text: string): boolean {
  let done = false;
  const fill = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
    done = true;
  };
  document.addEventListener('copy', fill, { capture: true, once: true });
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', fill, { capture: true });
  }
  if (!done) void navigator.clipboard?.writeText(text).catch(() => {});
  return done;
}
