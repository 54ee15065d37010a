import { analyzeCommand } from './analyze-command.ts';
import { UsageError } from './args.ts';
import { auditCommand } from './audit-command.ts';
import { toolVersion } from './tool-version.ts';

/** Subcommands. */
const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  analyze: { summary: 'analyse a heap snapshot, or diff 2–3 snapshots', run: analyzeCommand },
  audit: { summary: 'open a page, repeat a scenario and report what leaks', run: auditCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: leakscope <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "leakscope <command> --help" for a command's options, "leakscope --version" for the version.\n`;
}

/** Command-line entry (scripts/leakscope.mjs): returns the exit code — 0 ok, 1 findings at --fail-on, 2 usage or input. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '-V' || name === '--version' || name === 'version') {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`leakscope: unknown command "${name}". Try "leakscope --help".\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`leakscope ${name}: ${err.message} Try "leakscope ${name} --help".\n`);
      return 2;
    }
    throw err;
  }
}
