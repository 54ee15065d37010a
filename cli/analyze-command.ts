import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SnapshotError, toSnapshotError } from '../src/heap/errors.ts';
import { type AnalysisInput, runAnalysis } from '../src/heap/pipeline.ts';
import type { AnalysisResult } from '../src/heap/result.ts';
import { reportFromHeap } from '../src/report/build.ts';
import { toHtml } from '../src/report/html.ts';
import { toJson } from '../src/report/json.ts';
import { toMarkdown } from '../src/report/markdown.ts';
import type { Report } from '../src/report/model.ts';
import { type AnalyzeArgs, parseAnalyzeArgs } from './args.ts';
import { fileSource } from './file-source.ts';
import { formatReport } from './format.ts';
import { stderrProgress } from './progress.ts';
import { toolVersion } from './tool-version.ts';

export const ANALYZE_USAGE = `Usage:
  leakscope analyze <file.heapsnapshot> [options]
  leakscope analyze --baseline <a> --target <b> [--final <c>] [options]

Reads a V8 heap snapshot (DevTools Memory panel, node --heapsnapshot, v8.writeHeapSnapshot) and prints
detached DOM trees, the largest objects with their retainer chains, closures and classes. With --baseline/--target
(and --final), reports the objects allocated between baseline and target that are still alive at the end,
grouped by class and retainer path.

Options:
  --json <out.json>   write the report as JSON (report format v1: Import in the panel opens it)
  --html <out.html>   write the report as one self-contained HTML page
  --md <out.md>       write a short Markdown summary
  --raw <out.json>    write the engine's full analysis result (every query, for scripts)
  --top <n>           rows per section on stdout (default 10)
  --max-size <MB>     refuse larger files (default 2048)
  -q, --quiet         no progress on stderr
  -h, --help          this help

Exit codes: 0 done, 2 usage error or a snapshot that cannot be read (one line on stderr).
`;

function input(args: AnalyzeArgs): AnalysisInput {
  if (args.file !== null) return { snapshot: fileSource(args.file) };
  return {
    baseline: fileSource(args.baseline!),
    target: fileSource(args.target!),
    ...(args.final !== null ? { final: fileSource(args.final) } : {}),
  };
}

function files(args: AnalyzeArgs): string[] {
  return [args.file, args.baseline, args.target, args.final].filter((f): f is string => f !== null);
}

function writeOutputs(args: AnalyzeArgs, result: AnalysisResult): void {
  const wanted: Array<[string | null, (r: Report) => string]> = [
    [args.json, toJson],
    [args.html, toHtml],
    [args.md, toMarkdown],
  ];
  const report = wanted.some(([f]) => f !== null)
    ? reportFromHeap(
        {
          url: '',
          title: files(args)
            .map((f) => basename(f))
            .join(', '),
          browser: '',
          createdAt: new Date(),
          toolVersion: toolVersion(),
        },
        result,
      )
    : null;
  const write = (file: string, text: () => string) => {
    try {
      writeFileSync(file, text());
    } catch (err) {
      throw new SnapshotError('io', `Cannot write ${file}: ${(err as Error).message}`);
    }
  };
  for (const [file, format] of wanted) if (file !== null && report) write(file, () => format(report));
  if (args.raw !== null) write(args.raw, () => `${JSON.stringify(result, null, 1)}\n`);
}

/** `leakscope analyze`: 0 on success, 2 when a snapshot cannot be read or a file written (message on stderr). */
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
    writeOutputs(args, result);
    return 0;
  } catch (err) {
    const e = toSnapshotError(err);
    process.stderr.write(`leakscope: ${e.message}\n`);
    // The same meaning as audit's: 1 is for findings (audit --fail-on), 2 for bad usage or input.
    return 2;
  }
}
