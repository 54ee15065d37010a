// The DevTools page: registers the Leakscope panel and its pane in the Elements sidebar. It lives as long as
// DevTools is open on the tab.
chrome.devtools.panels.create('Leakscope', 'panel/icons/icon-32.png', 'panel/panel.html');
chrome.devtools.panels.elements.createSidebarPane('Leakscope', (pane) => {
  void pane.setPage('panel/sidebar.html');
});
