#!/usr/bin/env node
// `npm test`: lint, type-check, build, unit and real-browser e2e tests — the exact command CI runs.
// Prints one plain "N passed, N failed" line at the end, summed over the vitest projects.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'tests', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const steps = [];
function run(label, cmd, args, env = {}) {
  process.stderr.write(`\n── ${label}: ${cmd} ${args.join(' ')}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  steps.push(`${label} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return r.status === 0;
}

const npx = (args) => ['npx', ['--no-install', ...args]];
let ok = true;
const failedSteps = [];
for (const [label, args] of [
  ['lint', ['biome', 'check', '.']],
  ['type-check', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['build', ['vite', 'build', '--logLevel', 'warn']],
]) {
  if (!run(label, ...npx(args))) failedSteps.push(label);
}
ok = failedSteps.length === 0;

let passed = 0;
let failed = 0;
for (const project of ['unit', 'e2e', 'e2e-serial']) {
  const out = join(artifacts, `vitest-${project}.json`);
  const good = run(
    `${project} tests`,
    ...npx([
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]),
  );
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!good && report.numFailedTests === 0) failed += 1; // a suite that failed to load counts as a failure
  } catch {
    failed += 1;
  }
  ok = good && ok;
}
// A failed lint, type-check or build step counts as a failure in the closing line too.
failed += failedSteps.length;
if (failedSteps.length) console.error(`\nfailed steps: ${failedSteps.join(', ')}`);
// Where the suite's time goes, for the ≤ 6 minute budget (README § Development).
console.error(`\ntime: ${steps.join(' · ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
