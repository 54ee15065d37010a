/**
 * The current DevTools theme, kept by the devtools page for the panel and the sidebar pane. An extension page's
 * `chrome.devtools.panels.themeName` is the theme when DevTools added the extension, and a theme change reaches only
 * the pages that had called setThemeChangeHandler by then: a panel opened for the first time after the user switched
 * DevTools to dark loaded light and stayed light. The devtools page lives as long as DevTools and hears every change;
 * a page asks it on load over a BroadcastChannel (tagged with the inspected tab: one devtools page per DevTools).
 */
const CHANNEL = 'leakscope-devtools-theme';

type ThemeMessage = { kind: 'ask'; tabId: number } | { kind: 'theme'; tabId: number; theme: string };

/** In the devtools page: remembers each change and answers the pages that ask. */
export function keepDevToolsTheme(tabId: number): void {
  let theme = chrome.devtools.panels.themeName;
  const channel = new BroadcastChannel(CHANNEL);
  const tell = () => channel.postMessage({ kind: 'theme', tabId, theme } satisfies ThemeMessage);
  chrome.devtools.panels.setThemeChangeHandler?.((name) => {
    theme = name;
    tell();
  });
  channel.onmessage = (e: MessageEvent<ThemeMessage>) => {
    if (e.data?.kind === 'ask' && e.data.tabId === tabId) tell();
  };
}

/** In the panel or the pane: asks the devtools page for the current theme; `apply` gets it (and later changes). */
export function askDevToolsTheme(tabId: number, apply: (theme: string) => void): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<ThemeMessage>) => {
    if (e.data?.kind === 'theme' && e.data.tabId === tabId && typeof e.data.theme === 'string')
      apply(e.data.theme);
  };
  channel.postMessage({ kind: 'ask', tabId } satisfies ThemeMessage);
}
