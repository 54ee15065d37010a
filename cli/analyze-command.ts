import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type AnalysisInput,
  type AnalysisResult,
  runAnalysis,
  SnapshotError,
  toSnapshotError,
} from '../src/heap/index.ts';
import { gate, type Report, reportFromHeap, toHtml, toJson, toMarkdown } from '../src/report/index.ts';
import { type AnalyzeArgs, parseAnalyzeArgs } from './args.ts';
import { fileSource } from './file-source.ts';
import { formatReport } from './format.ts';
import { gateSummary } from './gate-summary.ts';
import { stderrProgress } from './progress.ts';
import { terminalText as term } from './terminal.ts';
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
  --fail-on <severity>  exit 1 when a finding of this severity or above is found (info, low, medium, high);
                      with a diff only what grew counts (objects new in the target, alive at the end)
  --ignore <pattern>  findings whose chain or title contains the text (or matches the glob, * is a wildcard)
                      never fail --fail-on; repeatable
  -q, --quiet         no progress on stderr
  -h, --help          this help

Severities (one rule, src/suspects/rules/thresholds.ts): a diff group is at least low, medium from 10 objects or
64 KiB retained, high from 100 objects or 1 MiB; a detached DOM tree of one snapshot is at least low, medium from
10 nodes or 8 MiB, high from 100 nodes or 32 MiB.

Exit codes: 0 done (nothing at or above --fail-on), 1 findings at or above --fail-on, 2 usage error or a snapshot
that cannot be read or a file that cannot be written (one line on stderr).
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

function heapReport(args: AnalyzeArgs, result: AnalysisResult): Report {
  return reportFromHeap(
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
  );
}

/** The findings with their severity, most severe first: what --fail-on gates on. */
function findingsText(report: Report, top: number): string {
  const out = ['', `Findings: ${report.suspects.length}`];
  for (const s of report.suspects.slice(0, top)) out.push(`  [${s.severity}] ${term(s.title, 200)}`);
  return `${out.join('\n')}\n`;
}

function writeOutputs(args: AnalyzeArgs, result: AnalysisResult, report: Report): void {
  const wanted: Array<[string | null, (r: Report) => string]> = [
    [args.json, toJson],
    [args.html, toHtml],
    [args.md, toMarkdown],
  ];
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

/**
 * `leakscope analyze`: 0 on success, 1 when --fail-on matched a finding, 2 when a snapshot cannot be read or a file
 * written (message on stderr).
 */
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
    const report = heapReport(args, result);
    process.stdout.write(formatReport(result, args.top));
    process.stdout.write(findingsText(report, args.top));
    writeOutputs(args, result, report);
    if (args.failOn === null) return 0;
    const g = gate(report, { failOn: args.failOn, ignore: args.ignore });
    process.stdout.write(gateSummary(g, args.failOn, 'finding'));
    return g.failing.length > 0 ? 1 : 0;
  } catch (err) {
    const e = toSnapshotError(err);
    process.stderr.write(`leakscope: ${e.message}\n`);
    // The same meaning as audit's: 1 is for findings (audit --fail-on), 2 for bad usage or input.
    return 2;
  }
}
