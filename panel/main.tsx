import { render } from 'preact';
import { App } from './app.tsx';
import { CallsiteMapsContext } from './components/callsite-maps-context.ts';
import { Controller } from './controller.ts';
import { answerElementsPane } from './elements/pane-link.ts';
import { Store } from './store.ts';
import './theme.css';
import { followDevToolsTheme } from './theme.ts';

followDevToolsTheme();
const store = new Store();
const controller = new Controller(store, chrome.devtools.inspectedWindow.tabId);
controller.start();
const closePaneLink = answerElementsPane(store, chrome.devtools.inspectedWindow.tabId);
addEventListener('pagehide', () => {
  closePaneLink();
  controller.dispose();
});
render(
  <CallsiteMapsContext.Provider value={controller.maps}>
    <App store={store} controller={controller} />
  </CallsiteMapsContext.Provider>,
  document.getElementById('app')!,
);
