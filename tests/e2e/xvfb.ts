/**
 * A private X server for tests that need Chromium's own UI (infobars, keyboard focus in the browser frame):
 * headless Chromium has no such UI, and CI runs `npm test` without a DISPLAY. .ci/run installs Xvfb.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Xvfb {
  display: string;
  close(): Promise<void>;
}

export function hasXvfb(): boolean {
  return spawnSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' }).status === 0;
}

/** Starts Xvfb on a free display (`-displayfd` lets the server pick one) and resolves once it accepts clients. */
export async function startXvfb(size = '1400x1000x24'): Promise<Xvfb> {
  const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', size, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start in 10 s: ${stderr}`)), 10_000);
    proc.stdout?.on('data', (d) => {
      out += String(d);
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${stderr}`));
    });
  });
  if (!existsSync(`/tmp/.X11-unix/X${number}`)) throw new Error(`Xvfb :${number} has no socket`);
  return {
    display: `:${number}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
