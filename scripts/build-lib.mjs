#!/usr/bin/env node
// Compiles the Node API and the command line (cli/, and the parts of src/ they use) to JavaScript with type
// declarations under lib/, for the npm package: no tsx at run time. `npm pack` runs it (prepack).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'lib'), { recursive: true, force: true });
// The repository's tsconfig.json type-checks everything (panel, tests, DOM); this build takes only the two entry
// points and what they import, as Node modules, and rewrites the sources' `.ts` imports to `.js`.
const args = [
  '--no-install',
  'tsc',
  '--ignoreConfig',
  '--rootDir',
  '.',
  '--outDir',
  'lib',
  '--declaration',
  '--module',
  'nodenext',
  '--moduleResolution',
  'nodenext',
  '--target',
  'es2022',
  '--lib',
  // DOM for the page functions the default scenario sends to the page (cli/link-walk.ts).
  'es2023,dom',
  '--types',
  'node',
  '--strict',
  '--skipLibCheck',
  '--rewriteRelativeImportExtensions',
  '--noEmitOnError',
  'cli/index.ts',
  'cli/main.ts',
];
const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
