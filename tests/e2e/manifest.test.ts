/**
 * The extension's declared powers, checked against what the README promises: every permission is listed there with
 * a reason, nothing more is asked for, and the extension pages' CSP forbids inline script, eval and remote code.
 * Reads both the source manifest and the built one, because the build plugin rewrites the manifest: an e2e test,
 * since it needs dist/ (`npm test` builds before the tests; run `npx vite build` first when running it alone).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; world?: string }[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  sandbox?: unknown;
  [key: string]: unknown;
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
if (!existsSync(join(DIST, 'manifest.json')))
  throw new Error('dist/manifest.json is missing: build first (npx vite build)');
const manifests: [string, Manifest][] = [
  ['manifest.json', read(join(ROOT, 'manifest.json'))],
  ['dist/manifest.json', read(join(DIST, 'manifest.json'))],
];

/** The README's permissions table: first-column cells of the table under "## Permissions". */
function readmePermissionRows(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1) // header row
    .map((l) => l.split('|')[1]?.trim() ?? '');
}

/** CSP directives as a map of name → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

describe.each(manifests)('%s', (_name, manifest) => {
  test('asks only for what the README lists, and the README gives a reason for each', () => {
    const rows = readmePermissionRows();
    const listed = rows.join('\n');
    // Every API permission appears in the table, by name, with a non-empty reason.
    for (const p of manifest.permissions ?? []) expect(rows, `README lacks "${p}"`).toContain(`\`${p}\``);
    // The table lists no API permission the manifest does not ask for.
    for (const row of rows) {
      const name = /^`([a-z][\w.]*)`$/.exec(row)?.[1];
      if (name)
        expect(manifest.permissions, `README lists "${name}" but the manifest lacks it`).toContain(name);
    }
    // Host access comes only from content scripts, and the README explains them with their match pattern.
    for (const cs of manifest.content_scripts ?? [])
      for (const m of cs.matches) expect(listed, `README lacks the content scripts on ${m}`).toContain(m);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    // No way in for web pages or other extensions.
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  test('the extension pages’ CSP forbids inline script, eval and remote code', () => {
    const csp = manifest.content_security_policy?.extension_pages;
    expect(csp, 'an explicit extension_pages CSP').toBeTypeOf('string');
    const d = directives(csp as string);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    for (const [name, sources] of d) {
      for (const s of sources) {
        expect(s, `${name} ${s}`).not.toMatch(/^'unsafe-(inline|eval|hashes)'$|^https?:|^\*$|^data:|^blob:/i);
      }
    }
    expect(manifest.sandbox).toBeUndefined();
  });
});

test('the built extension pages load only their own files: no inline or remote script', () => {
  const pages = ['panel/panel.html', 'panel/devtools.html'].map((p) => readFileSync(join(DIST, p), 'utf8'));
  for (const html of pages) {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/\bsrc="\/[^/]/); // same-extension path
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  }
  // No remote code in the bundles either: no import() or fetch of an absolute http(s) URL.
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  for (const f of assets) {
    const js = readFileSync(join(DIST, 'assets', f), 'utf8');
    expect(js, f).not.toMatch(
      /import\(\s*["'`]https?:|fetch\(\s*["'`]https?:|importScripts\(\s*["'`]https?:/,
    );
  }
});
