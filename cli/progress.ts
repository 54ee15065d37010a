import { formatBytes } from '../src/format.ts';
import type { PipelineProgress } from '../src/heap/index.ts';

/** Progress lines on stderr, only for files big enough to take a while, at most a few per second. */
export function stderrProgress(minBytes = 20 * 1024 * 1024): (p: PipelineProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastAt = 0;
  let lastPct = -1;
  let big = false;
  const write = (line: string) => process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
  return (p) => {
    if (p.phase === 'load') {
      big = (p.totalBytes ?? p.bytesRead) >= minBytes;
      if (!big) return;
      const pct = p.totalBytes ? Math.floor((p.bytesRead / p.totalBytes) * 100) : -1;
      const now = Date.now();
      const done = p.totalBytes !== null && p.bytesRead >= p.totalBytes;
      if (!done && (now - lastAt < (tty ? 200 : 2000) || pct === lastPct)) return;
      lastAt = now;
      lastPct = pct;
      const of = p.totalBytes ? ` / ${formatBytes(p.totalBytes)} (${pct}%)` : '';
      write(`Reading ${p.name} [${p.role}]: ${formatBytes(p.bytesRead)}${of}`);
    } else if (big) {
      write(`Analysing ${p.name}: ${p.pass} (${p.index + 1}/${p.total})`);
      if (tty && p.index + 1 === p.total) process.stderr.write('\n');
    }
  };
}
