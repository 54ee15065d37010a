import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
const HEADING = '## Page hook';

/** Replaces (or appends) the `## Page hook` section of docs/benchmarks.md, leaving other sections alone. */
export function writeSection(body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(`${HEADING}\n`);
  const section = `${HEADING}\n\n${body}\n`;
  if (start < 0) {
    writeFileSync(FILE, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + HEADING.length);
  const end = next < 0 ? text.length : next + 1;
  writeFileSync(FILE, `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(end)}`}`);
}
