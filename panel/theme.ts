/**
 * The panel's theme, following DevTools': read once at load, then live through setThemeChangeHandler, so a
 * user switching DevTools to dark (Settings → Appearance) sees the panel and its charts switch at once.
 */
import { askDevToolsTheme } from './theme-relay.ts';

const listeners = new Set<() => void>();

export function applyTheme(name: string): void {
  const theme = name === 'dark' ? 'dark' : 'light';
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  for (const l of listeners) l();
}

/** Calls `l` after each theme change (canvas charts redraw with the new colours); returns the unsubscribe. */
export function onThemeChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function followDevToolsTheme(): void {
  applyTheme(chrome.devtools.panels.themeName);
  chrome.devtools.panels.setThemeChangeHandler?.((theme) => applyTheme(theme));
  // themeName can be stale (see theme-relay.ts): the devtools page knows the theme now.
  askDevToolsTheme(chrome.devtools.inspectedWindow.tabId, applyTheme);
}
