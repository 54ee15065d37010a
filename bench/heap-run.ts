/**
 * One measured run, in its own process so peak memory belongs to one engine only:
 *   node --import tsx bench/heap-run.ts leakscope|memlab|devtools <file.heapsnapshot>
 * Prints one JSON line: wall and CPU time of load + analysis (CPU time includes GC and helper threads), peak RSS,
 * and a checksum to compare engines.
 */
import { createReadStream } from 'node:fs';
import memlab from '@memlab/core';
import { parse as devtoolsParse } from 'heap-snapshot-toolkit';
import { fileSource } from '../src/cli/file-source.ts';
import { runAnalysis } from '../src/heap/pipeline.ts';

interface MemlabNode {
  retainedSize: number;
}
const { utils, TraceFinder, config } = memlab as unknown as {
  utils: {
    getSnapshotFromFile(
      f: string,
      o: object,
    ): Promise<{ nodes: { length: number; get(i: number): MemlabNode } }>;
  };
  TraceFinder: new () => { calculateAllNodesRetainedSizes(s: unknown): void };
  config: { muteConsole: boolean };
};

async function leakscope(file: string) {
  // The full analysis the CLI and the worker do: load, all passes, all queries, the compact result.
  const result = await runAnalysis({ snapshot: fileSource(file) }, { maxBytes: 4 * 1024 ** 3 });
  return { nodes: result.summary.nodeCount, rootRetained: result.summary.totalSize };
}

async function memlabRun(file: string) {
  config.muteConsole = true;
  const snap = await utils.getSnapshotFromFile(file, {});
  new TraceFinder().calculateAllNodesRetainedSizes(snap);
  return { nodes: snap.nodes.length, rootRetained: snap.nodes.get(0).retainedSize };
}

/** DevTools' own model (devtools-frontend's HeapSnapshot, via heap-snapshot-toolkit): what the Memory panel builds. */
async function devtools(file: string) {
  const snap = await devtoolsParse(createReadStream(file, 'utf-8'));
  return { nodes: snap.nodeCount, rootRetained: snap.rootNode().retainedSize() };
}

const ENGINES: Record<string, (file: string) => Promise<{ nodes: number; rootRetained: number }>> = {
  leakscope,
  memlab: memlabRun,
  devtools,
};
const [engine, file] = process.argv.slice(2);
const run = ENGINES[engine];
if (!run) throw new Error(`unknown engine ${engine}`);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const check = await run(file);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ engine, file, ms, cpuMs, maxRssMB, ...check })}\n`);
