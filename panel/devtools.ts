// The DevTools page: registers the Leakscope panel and its pane in the Elements sidebar. It lives as long as
// DevTools is open on the tab.
import { keepDevToolsTheme } from './theme-relay.ts';

// First: the theme changes this page hears are the ones the panel may have missed (theme-relay.ts).
keepDevToolsTheme(chrome.devtools.inspectedWindow.tabId);
chrome.devtools.panels.create('Leakscope', 'panel/icons/icon-32.png', 'panel/panel.html');
chrome.devtools.panels.elements.createSidebarPane('Leakscope', (pane) => {
  void pane.setPage('panel/sidebar.html');
});
