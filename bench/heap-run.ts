/**
 * One measured run, in its own process so peak memory belongs to one engine only:
 *   node --import tsx bench/heap-run.ts leakscope|memlab|devtools <file.heapsnapshot>
 * Prints one JSON line: wall and CPU time of load + analysis (CPU time includes GC and helper threads), peak RSS,
 * and a checksum to compare engines.
 */
import { createReadStream } from 'node:fs';

// Each engine is imported only when it runs: loading the others' modules would count in this process's peak RSS.

interface MemlabNode {
  retainedSize: number;
}
interface Memlab {
  utils: {
    getSnapshotFromFile(
      f: string,
      o: object,
    ): Promise<{ nodes: { length: number; get(i: number): MemlabNode } }>;
  };
  TraceFinder: new () => { calculateAllNodesRetainedSizes(s: unknown): void };
  config: { muteConsole: boolean };
}

type Check = { nodes: number; rootRetained: number };
/** Imports an engine and returns its run; modules load before the clock starts, for every engine alike. */
type Engine = () => Promise<(file: string) => Promise<Check>>;

const leakscope: Engine = async () => {
  const { fileSource } = await import('../cli/file-source.ts');
  const { runAnalysis } = await import('../src/heap/pipeline.ts');
  // The full analysis the CLI and the worker do: load, all passes, all queries, the compact result.
  return async (file) => {
    const result = await runAnalysis({ snapshot: fileSource(file) }, { maxBytes: 4 * 1024 ** 3 });
    return { nodes: result.summary.nodeCount, rootRetained: result.summary.totalSize };
  };
};

const memlab: Engine = async () => {
  const m = (await import('@memlab/core')) as unknown as Memlab & { default?: Memlab };
  const { utils, TraceFinder, config } = m.default ?? m;
  config.muteConsole = true;
  return async (file) => {
    const snap = await utils.getSnapshotFromFile(file, {});
    new TraceFinder().calculateAllNodesRetainedSizes(snap);
    return { nodes: snap.nodes.length, rootRetained: snap.nodes.get(0).retainedSize };
  };
};

/** DevTools' own model (devtools-frontend's HeapSnapshot, via heap-snapshot-toolkit): what the Memory panel builds. */
const devtools: Engine = async () => {
  const { parse } = await import('heap-snapshot-toolkit');
  return async (file) => {
    const snap = await parse(createReadStream(file, 'utf-8'));
    return { nodes: snap.nodeCount, rootRetained: snap.rootNode().retainedSize() };
  };
};

const ENGINES: Record<string, Engine> = { leakscope, memlab, devtools };
const [engine, file] = process.argv.slice(2);
if (!ENGINES[engine]) throw new Error(`unknown engine ${engine}`);
const run = await ENGINES[engine]();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const check = await run(file);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ engine, file, ms, cpuMs, maxRssMB, ...check })}\n`);
