import { render } from 'preact';
import { App } from './app.tsx';
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
render(<App store={store} controller={controller} />, document.getElementById('app')!);
