// The DevTools page: registers the Leakscope panel. It lives as long as DevTools is open on the tab.
chrome.devtools.panels.create('Leakscope', '', 'panel/panel.html');
