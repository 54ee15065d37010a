/**
 * The extension's declared powers, checked against what the README promises: every permission is listed there with
 * a reason, nothing more is asked for, and the extension pages' CSP forbids inline script, eval and remote code.
 * Reads both the source manifest and the built one, because the build plugin rewrites the manifest: an e2e test,
 * since it needs dist/ (`npm test` builds before the tests; run `npx vite build` first when running it alone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
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

/** The entries of a zip file, read from its central directory, each inflated (what the Web Store unpacks). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data), name).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

test('npm run package: the store zip holds the built extension byte for byte (no source maps), with the icons the manifest names at their sizes', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-store.mjs'), '--no-build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const version = read(join(ROOT, 'package.json')).version as string;
  const entries = unzip(readFileSync(join(ROOT, `leakscope-${version}.zip`)));
  const built = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? built(join(dir, e.name)) : [relative(DIST, join(dir, e.name)).split(sep).join('/')],
    );
  const expected = built(DIST).filter((f) => !f.endsWith('.map') && !f.startsWith('.vite/'));
  expect([...entries.keys()].sort()).toEqual(expected.sort());
  for (const f of expected) expect(entries.get(f)!.equals(readFileSync(join(DIST, f))), f).toBe(true);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest;
  expect(manifest.version).toBe(version);
  const icons = manifest.icons as Record<string, string>;
  expect(Object.keys(icons)).toEqual(['16', '32', '48', '128']);
  for (const [size, path] of Object.entries(icons)) {
    const png = entries.get(path)!;
    expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
    // IHDR: width and height are the first two fields.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
  }
});
