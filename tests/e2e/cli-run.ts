/** Runs the real `leakscope` command line as a child process, the way a CI job does. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport, type Report } from '../../src/report/index.ts';
import { ROOT } from './harness.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to its end, collecting its output: what a CI step or a person at a terminal sees. */
export function runProcess(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

export function runCli(args: string[]): Promise<Run> {
  return runProcess(process.execPath, [join(ROOT, 'scripts', 'leakscope.mjs'), ...args], ROOT);
}

export function readReport(file: string): Report {
  const parsed = parseReport(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}
