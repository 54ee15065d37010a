/**
 * Scan in the real DevTools panel (chrome.debugger, the hook and relay in the page) on every leak fixture: each
 * seeded leak is listed with the right kind and a chain that names the user's variable; clean pages list nothing
 * above info. The same fixtures are checked in depth through a trusted transport in live-*.test.ts.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARTIFACTS, launch, type Session } from './harness.ts';
import { type Shown, scanInPanel } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** A seeded leak: the kind it must be reported as, and what its row, chain and fix must name. */
interface Seeded {
  kind: string;
  names: RegExp;
}

/** Every leak fixture with its seeded leaks (observer/expando ones are also checked in depth in panel-roots). */
const CASES: {
  path: string;
  repeat?: { action: string; scans: number };
  leaks: Seeded[];
}[] = [
  { path: 'leaks/dialog-listener.html', leaks: [{ kind: 'listener', names: /closure variable dlg/ }] },
  { path: 'leaks/cell-index.html', leaks: [{ kind: 'detached-dom', names: /const cellIndex/ }] },
  {
    path: 'leaks/deep-global-array.html',
    leaks: [{ kind: 'detached-dom', names: /handlers[\s\S]*4321[\s\S]*payload[\s\S]*node/ }],
  },
  {
    path: 'leaks/replace-thing.html',
    leaks: [{ kind: 'detached-dom', names: /closure variable originalThing/ }],
  },
  {
    path: 'leaks/replace-thing.html',
    repeat: { action: 'replaceThing()', scans: 3 },
    leaks: [{ kind: 'closure-growth', names: /variable `originalThing` grew[\s\S]*theThing/ }],
  },
  { path: 'leaks/accidental-global.html', leaks: [{ kind: 'global', names: /resultCache/ }] },
  // With the extension the hook is in the page, so the interval's callback is a root.
  {
    path: 'leaks/ticker-interval.html',
    leaks: [{ kind: 'timer', names: /setInterval[\s\S]*Ticker[\s\S]*el/ }],
  },
  { path: 'leaks/ticker-arrow.html', leaks: [{ kind: 'timer', names: /setInterval[\s\S]*this[\s\S]*el/ }] },
  { path: 'leaks/oversized-image.html', leaks: [{ kind: 'image', names: /4000/ }] },
  {
    path: 'leaks/removed-image.html',
    leaks: [
      { kind: 'image', names: /shownSlides/ },
      { kind: 'image', names: /preloader[\s\S]*next/ },
    ],
  },
  {
    path: 'leaks/map-cache-growth.html',
    repeat: { action: "document.getElementById('search').click()", scans: 3 },
    leaks: [{ kind: 'collection-growth', names: /responseCache[\s\S]*grew from 1 to 3/ }],
  },
  {
    path: 'leaks/image-data-growth.html',
    repeat: { action: "document.getElementById('snap').click()", scans: 3 },
    leaks: [{ kind: 'collection-growth', names: /undoFrames[\s\S]*pixel buffers/ }],
  },
  {
    path: 'leaks/observer-widget.html',
    leaks: [{ kind: 'detached-dom', names: /ResizeObserver[\s\S]*closure variable panel/ }],
  },
  {
    path: 'leaks/expando-cache.html',
    leaks: [{ kind: 'detached-dom', names: /__dataCache[\s\S]*overview/ }],
  },
  {
    path: 'leaks/shadow-field.html',
    leaks: [{ kind: 'detached-dom', names: /<results-panel>[\s\S]*history/ }],
  },
  { path: 'leaks/hostile-expando.html', leaks: [{ kind: 'detached-dom', names: /stale[\s\S]*rows/ }] },
];

const CLEAN = [
  'leaks/clean-dialogs.html',
  'leaks/clean-app.html',
  'leaks/clean-images.html',
  'leaks/clean-observer.html',
  'leaks/clean-expando.html',
];

/** What each page showed, for the recall / false-positive table written after the run. */
const tally: {
  path: string;
  seeded: number;
  found: number;
  aboveInfo: number;
  /** kind (severity) of every suspect above info, for the reader to judge the extra ones. */
  shown: string;
  clean: boolean;
}[] = [];

const kinds = (shown: Shown[]) =>
  shown
    .filter((s) => s.severity !== 'info')
    .map((s) => `${s.kind} (${s.severity})`)
    .join(', ');

afterAll(() => {
  const leaky = tally.filter((t) => !t.clean);
  const clean = tally.filter((t) => t.clean);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const lines = [
    '| page | seeded leaks | found (right kind, chain names the code) | suspects above info | their kinds |',
    '| --- | ---: | ---: | ---: | --- |',
    ...tally.map(
      (t) =>
        `| ${t.path} | ${t.clean ? '— (clean)' : t.seeded} | ${t.clean ? '—' : t.found} | ${t.aboveInfo} | ${t.shown} |`,
    ),
    '',
    `Recall: ${sum(leaky.map((t) => t.found))}/${sum(leaky.map((t) => t.seeded))} seeded leaks on ${leaky.length} leak pages.`,
    `False positives: ${sum(clean.map((t) => t.aboveInfo))} suspects above info on ${clean.length} clean pages.`,
  ];
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'fixture-recall.md'), `${lines.join('\n')}\n`);
});

describe('every leak fixture, scanned in the real panel', () => {
  for (const c of CASES) {
    test(`${c.path}${c.repeat ? ` (${c.repeat.scans} scans)` : ''}: ${c.leaks.map((l) => `a ${l.kind} suspect`).join(' and ')} whose chain names the user's code`, async () => {
      const shown = await scanInPanel(session, c.path, { repeat: c.repeat });
      const found = c.leaks.filter((l) => shown.some((s) => s.kind === l.kind && l.names.test(s.text)));
      tally.push({
        path: c.repeat ? `${c.path}, \`${c.repeat.action}\` between ${c.repeat.scans} scans` : c.path,
        seeded: c.leaks.length,
        found: found.length,
        aboveInfo: shown.filter((s) => s.severity !== 'info').length,
        shown: kinds(shown),
        clean: false,
      });
      expect(found.length, JSON.stringify(shown.map((s) => [s.kind, s.severity, s.text.slice(0, 300)]))).toBe(
        c.leaks.length,
      );
    });
  }
  for (const path of CLEAN) {
    test(`${path}: nothing above info`, async () => {
      const shown = await scanInPanel(session, path);
      const above = shown.filter((s) => s.severity !== 'info');
      tally.push({ path, seeded: 0, found: 0, aboveInfo: above.length, shown: kinds(shown), clean: true });
      expect(above.map((s) => s.text.slice(0, 200))).toEqual([]);
    });
  }
});
