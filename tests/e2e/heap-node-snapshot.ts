/** Writes a Node.js heap snapshot with known leaks, from a child process (so the test's own heap is not in it). */
import { execFileSync } from 'node:child_process';

const SCRIPT = `
const v8 = require('node:v8');
class NodeLeak {
  constructor(i) { this.index = i; this.payload = new Array(50).fill(i); }
}
globalThis.leakyCache = [];
for (let i = 0; i < 25; i++) globalThis.leakyCache.push(new NodeLeak(i));
(function startTicker() {
  const history = Array.from({ length: 100000 }, (_, i) => i + 0.5); // 800 KB of doubles
  globalThis.ticker = setInterval(function tick() { return history.length; }, 1e9);
})();
// A WeakMap value kept alive by its key (for the MemLab comparison's known difference).
globalThis.weakKey = { kind: 'key' };
globalThis.weakMap = new WeakMap([[globalThis.weakKey, { kind: 'value', data: new Array(200).fill(1) }]]);
v8.writeHeapSnapshot(process.argv[1]);
clearInterval(globalThis.ticker);
`;

export function writeNodeSnapshot(path: string): void {
  execFileSync(process.execPath, ['-e', SCRIPT, path], { timeout: 60_000 });
}
