import { render } from 'preact';
import { App } from './app.tsx';
import { Controller } from './controller.ts';
import { Store } from './store.ts';
import './theme.css';

function applyTheme(): void {
  // 'default' or 'dark', as DevTools itself is themed.
  document.documentElement.dataset.theme = chrome.devtools.panels.themeName === 'dark' ? 'dark' : 'light';
}

applyTheme();
const store = new Store();
const controller = new Controller(store, chrome.devtools.inspectedWindow.tabId);
controller.start();
addEventListener('pagehide', () => controller.dispose());
render(<App store={store} controller={controller} />, document.getElementById('app')!);
