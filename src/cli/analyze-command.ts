import { writeFileSync } from 'node:fs';
import { SnapshotError, toSnapshotError } from '../heap/errors.ts';
import { type AnalysisInput, runAnalysis } from '../heap/pipeline.ts';
import { type AnalyzeArgs, parseAnalyzeArgs } from './args.ts';
import { fileSource } from './file-source.ts';
import { formatReport } from './format.ts';
import { stderrProgress } from './progress.ts';

export const ANALYZE_USAGE = `Usage:
  leakscope analyze <file.heapsnapshot> [options]
  leakscope analyze --baseline <a> --target <b> [--final <c>] [options]

Reads a V8 heap snapshot (DevTools Memory panel, node --heapsnapshot, v8.writeHeapSnapshot) and prints
detached DOM trees, the largest objects with their retainer chains, closures and classes. With --baseline/--target
(and --final), reports the objects allocated between baseline and target that are still alive at the end,
grouped by class and retainer path.

Options:
  --json <out.json>   also write the full analysis result as JSON
  --top <n>           rows per section on stdout (default 10)
  --max-size <MB>     refuse larger files (default 2048)
  -q, --quiet         no progress on stderr
  -h, --help          this help
`;

function input(args: AnalyzeArgs): AnalysisInput {
  if (args.file !== null) return { snapshot: fileSource(args.file) };
  return {
    baseline: fileSource(args.baseline!),
    target: fileSource(args.target!),
    ...(args.final !== null ? { final: fileSource(args.final) } : {}),
  };
}

/** `leakscope analyze`: 0 on success, 1 when a snapshot cannot be read (message on stderr). */
export async function analyzeCommand(argv: string[]): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  if (args.help) {
    process.stdout.write(ANALYZE_USAGE);
    return 0;
  }
  try {
    const result = await runAnalysis(input(args), {
      maxBytes: args.maxBytes ?? undefined,
      onProgress: args.quiet ? undefined : stderrProgress(),
    });
    process.stdout.write(formatReport(result, args.top));
    if (args.json !== null) {
      try {
        writeFileSync(args.json, `${JSON.stringify(result, null, 1)}\n`);
      } catch (err) {
        throw new SnapshotError('io', `Cannot write ${args.json}: ${(err as Error).message}`);
      }
    }
    return 0;
  } catch (err) {
    const e = toSnapshotError(err);
    process.stderr.write(`leakscope: ${e.message}\n`);
    return 1;
  }
}
