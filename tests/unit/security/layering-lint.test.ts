import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');
const dir = mkdtempSync(join(tmpdir(), 'leakscope-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Diagnostic {
  category: string;
  location: { path: string; start: { line: number } };
}

/** Lints the given files, laid out as in the repo, with the project's own biome.json (outside git, so no ignore file). */
function lint(files: Record<string, string>): Diagnostic[] {
  const root = mkdtempSync(join(dir, 'case-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const r = spawnSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: root,
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((d) => d.category.startsWith('lint/style/noRestricted'));
}

test('lint fails when src/ touches chrome, window, document, the panel, the content scripts, the command line, Preact or puppeteer, and when content-script/ imports the panel or Preact', () => {
  const found = lint({
    'src/live/bad-globals.ts': 'export const f = () => [window.name, document.title, chrome.runtime.id];\n',
    'src/live/bad-imports.ts': [
      "import { h } from 'preact';",
      "import { Store } from '../../panel/store.ts';",
      "import { start } from '../../content-script/hook.ts';",
      "import { main } from '../../cli/main.ts';",
      "import puppeteer from 'puppeteer-core';",
      'export const all = [h, Store, start, main, puppeteer];',
      '',
    ].join('\n'),
    'content-script/hook/bad.ts':
      "import { h } from 'preact';\nimport { x } from '../../panel/bridge.ts';\nexport const y = [h, x];\n",
    // Allowed: the panel uses Preact and chrome.*, src/ uses its own modules and page code kept in strings.
    'panel/views/ok.tsx':
      "import { h } from 'preact';\nexport const v = () => [h, chrome.runtime.id, document.title];\n",
    'src/live/ok.ts':
      "import { x } from './other.ts';\nexport const fn = `() => window.name`;\nexport const y = x;\n",
  });
  const at = found
    .map((d) => `${d.location.path}:${d.location.start.line} ${d.category.split('/').pop()}`)
    .sort();
  expect(at).toEqual([
    'content-script/hook/bad.ts:1 noRestrictedImports',
    'content-script/hook/bad.ts:2 noRestrictedImports',
    'src/live/bad-globals.ts:1 noRestrictedGlobals',
    'src/live/bad-globals.ts:1 noRestrictedGlobals',
    'src/live/bad-globals.ts:1 noRestrictedGlobals',
    'src/live/bad-imports.ts:1 noRestrictedImports',
    'src/live/bad-imports.ts:2 noRestrictedImports',
    'src/live/bad-imports.ts:3 noRestrictedImports',
    'src/live/bad-imports.ts:4 noRestrictedImports',
    'src/live/bad-imports.ts:5 noRestrictedImports',
  ]);
});

test('outside src/, a core module is used only through its entry point (src/<module>/index.ts): a deep import fails lint in the panel, the command line, the content scripts and scripts/', () => {
  const found = lint({
    'panel/views/deep.tsx':
      "import { runAnalysis } from '../../src/heap/pipeline.ts';\nimport { scan } from '../../src/live/index.ts';\nexport const v = [runAnalysis, scan];\n",
    'cli/deep.ts':
      "export { gate } from '../src/report/gate.ts';\nexport type { Report } from '../src/report/index.ts';\nimport { Severity } from '../src/severity.ts';\nexport const s: Severity = 'low';\n",
    'content-script/hook/deep.ts':
      "import { LIMITS } from '../../src/protocol/messages.ts';\nimport { PROTOCOL_VERSION } from '../../src/protocol/index.ts';\nexport const l = [LIMITS, PROTOCOL_VERSION];\n",
    'scripts/deep.ts':
      "import { CREATE_STATE } from '../src/live/page-functions.ts';\nexport const c = CREATE_STATE;\n",
    // Allowed: the heap worker is loaded by URL, not imported; inside src/ a module's own files import each other.
    'panel/snapshots/worker.ts':
      "export const w = () => new Worker(new URL('../../src/heap/worker.ts', import.meta.url));\n",
    'src/heap/inside.ts': "import { x } from './queries/diff.ts';\nexport const y = x;\n",
  });
  const at = found.map((d) => `${d.location.path}:${d.location.start.line}`).sort();
  expect(at).toEqual([
    'cli/deep.ts:1',
    'content-script/hook/deep.ts:1',
    'panel/views/deep.tsx:1',
    'scripts/deep.ts:1',
  ]);
});
