#!/usr/bin/env node
// The `leakscope` command line. In the repository it runs the TypeScript sources through tsx (no build step);
// in the npm package, where only the compiled JavaScript under lib/ ships, it runs that.
import { existsSync } from 'node:fs';

const source = new URL('../cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../lib/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
