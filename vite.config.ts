import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifest as never,
      // The hook must run before the page's first script: crxjs's async loader would be too late.
      contentScripts: { standaloneFiles: ['content-script/hook.ts', 'content-script/relay.ts'] },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Unminified: the hook's state must keep its name `leakscopeState` (the live scan finds it through the
    // wrappers' [[Scopes]]), crxjs cannot exempt content scripts alone, and an extension gains little from it.
    minify: false,
    rolldownOptions: {
      // crxjs does not see the pages passed to chrome.devtools.panels.create and the sidebar pane's setPage.
      input: { panel: 'panel/panel.html', sidebar: 'panel/sidebar.html' },
    },
  },
  server: { port: 5174, strictPort: true },
});
