import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, written into every report (`unknown` if package.json cannot be read). */
export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
