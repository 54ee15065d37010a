import { afterEach, describe, expect, test, vi } from 'vitest';
import { stderrProgress } from '../../../cli/progress.ts';

afterEach(() => vi.restoreAllMocks());

function capture() {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('command-line progress on stderr', () => {
  test('big files: reading progress with percentages, then the analysis passes', () => {
    const lines = capture();
    const report = stderrProgress(10);
    const total = 300 * 1024 * 1024;
    report({
      phase: 'load',
      role: 'snapshot',
      name: 'big.heapsnapshot',
      bytesRead: total / 3,
      totalBytes: total,
    });
    report({
      phase: 'load',
      role: 'snapshot',
      name: 'big.heapsnapshot',
      bytesRead: total,
      totalBytes: total,
    });
    report({
      phase: 'analyze',
      role: 'snapshot',
      name: 'big.heapsnapshot',
      pass: 'dominators',
      index: 3,
      total: 7,
    });
    const text = lines.join('');
    expect(text).toMatch(/Reading big\.heapsnapshot \[snapshot\]: 100\.0 MiB \/ 300\.0 MiB \(33%\)/);
    expect(text).toMatch(/300\.0 MiB \/ 300\.0 MiB \(100%\)/);
    expect(text).toMatch(/Analysing big\.heapsnapshot: dominators \(4\/7\)/);
  });

  test('small files: silent', () => {
    const lines = capture();
    const report = stderrProgress();
    report({
      phase: 'load',
      role: 'snapshot',
      name: 'small.heapsnapshot',
      bytesRead: 1000,
      totalBytes: 1000,
    });
    report({
      phase: 'analyze',
      role: 'snapshot',
      name: 'small.heapsnapshot',
      pass: 'dominators',
      index: 3,
      total: 7,
    });
    expect(lines).toEqual([]);
  });
});
