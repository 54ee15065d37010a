import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Leakscope's own folder: the nearest one above this file whose package.json is Leakscope's. In the repository that
 * is one level up (cli/), in an installed package two (lib/cli/), so the depth is not hard-coded.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if (JSON.parse(readFileSync(file, 'utf8')).name === 'leakscope') return dir;
      } catch {
        // Not ours or unreadable: keep looking upwards.
      }
    }
    if (dirname(dir) === dir) return join(from, '..');
  }
}

export const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);
