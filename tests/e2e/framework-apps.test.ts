/**
 * TodoMVC-style apps built on real frameworks' production builds (tests/fixtures/pages/apps/), used as a person
 * would with DevTools and the Leakscope panel open, then scanned in the real panel: a clean app shows nothing above
 * info.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { pressScan, type Shown, shownSuspects } from './panel-helpers.ts';
import { useTodoApp } from './todo-driver.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const APPS = ['react', 'vue', 'preact', 'lit', 'backbone', 'jquery', 'zone'];

/**
 * KNOWN FALSE ALARMS FIXED ON OTHER BRANCHES — remove each entry once that branch is merged, then re-run: the
 * assertion below must then hold with this list empty. Every entry was seen on this branch (see the report).
 * - branch `globals`: library exports and markers taken for accidental globals (UMD `React`/`ReactDOM`/`Backbone`,
 *   `__VUE__`, Lit's version arrays and `litPropertyMetadata`, zone.js's `__zone_symbol__*`, and jQuery's data
 *   expando `jQuery<version><random>` that `$(window).on()` puts on window).
 * - branch `domtruth`: library cache/scratch nodes (jQuery's support-test `<div>` and cached `<a>`, Vue's and Lit's
 *   `<template>` caches) and `<li>`s kept only while DevTools is open (the "observer effect").
 */
const KNOWN_ELSEWHERE: { app: string; branch: 'globals' | 'domtruth'; shown: RegExp }[] = [
  { app: 'react', branch: 'globals', shown: /^global .*Accidental global `(React|ReactDOM)`/ },
  { app: 'vue', branch: 'globals', shown: /^global .*Accidental global `__VUE__`/ },
  { app: 'vue', branch: 'domtruth', shown: /^listener .*keeps a removed <template>/ },
  { app: 'vue', branch: 'domtruth', shown: /^listener .*still registered on a removed <li/ },
  {
    app: 'lit',
    branch: 'globals',
    shown:
      /^global .*Accidental global `(litPropertyMetadata|reactiveElementVersions|litHtmlVersions|litElementVersions)`/,
  },
  { app: 'lit', branch: 'domtruth', shown: /^detached-dom .*Removed <template>/ },
  // Lit's listeners are its EventPart objects ({handleEvent}); their part tree reaches the same template cache.
  { app: 'lit', branch: 'domtruth', shown: /^listener .*keeps a removed <template>/ },
  { app: 'backbone', branch: 'globals', shown: /^global .*Accidental global `Backbone`/ },
  { app: 'backbone', branch: 'domtruth', shown: /^detached-dom .*Removed <(div|a)> .*window\.\$/ },
  { app: 'jquery', branch: 'globals', shown: /^global .*Accidental global `jQuery\d+`/ },
  { app: 'jquery', branch: 'domtruth', shown: /^detached-dom .*Removed <(div|a)> .*window\.\$/ },
  { app: 'zone', branch: 'globals', shown: /^global .*Accidental global `__zone_symbol__\w+`/ },
];

async function useAndScan(app: string): Promise<Shown[]> {
  const page = await openPage(session, `apps/${app}.html`);
  const { panel } = await showPanel(session, page);
  await useTodoApp(page);
  await pressScan(panel);
  const shown = await shownSuspects(panel);
  await page.close();
  return shown;
}

describe('clean framework apps, used and scanned in the real panel', () => {
  for (const app of APPS) {
    test(`apps/${app}.html: add, complete, delete, filter, clear completed, Scan: nothing above info`, async () => {
      const shown = await useAndScan(app);
      const above = shown
        .filter((s) => s.severity !== 'info')
        .map((s) => `${s.kind} (${s.severity}): ${s.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      const known = (line: string) =>
        KNOWN_ELSEWHERE.find(
          (k) =>
            k.app === app && k.shown.test(line.replace(/^(\S+) \(\w+\): ▾(info|low|medium|high)/, '$1 ')),
        );
      for (const line of above.filter(known))
        console.log(`[${app}] known, fixed on \`${known(line)!.branch}\`: ${line}`);
      expect(above.filter((line) => !known(line))).toEqual([]);
    });
  }
});
