import { SEVERITIES, type Severity } from '../src/severity.ts';

/** Parsed `leakscope analyze` arguments. */
export interface AnalyzeArgs {
  help: boolean;
  file: string | null;
  baseline: string | null;
  target: string | null;
  final: string | null;
  /** Report v1 (re-imports in the panel), HTML and Markdown exports, and the raw analysis result. */
  json: string | null;
  html: string | null;
  md: string | null;
  raw: string | null;
  top: number;
  maxBytes: number | null;
  quiet: boolean;
  /** Exit 1 when a finding of this severity or above is found (for a diff: only what grew). */
  failOn: Severity | null;
  /** Findings whose chain or title matches one of these never fail --fail-on (audit's --ignore). */
  ignore: string[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = new Set([
  '--baseline',
  '--target',
  '--final',
  '--json',
  '--html',
  '--md',
  '--raw',
  '--top',
  '--max-size',
  '--fail-on',
  '--ignore',
]);

export function parseAnalyzeArgs(argv: string[]): AnalyzeArgs {
  const out: AnalyzeArgs = {
    help: false,
    file: null,
    baseline: null,
    target: null,
    final: null,
    json: null,
    html: null,
    md: null,
    raw: null,
    top: 10,
    maxBytes: null,
    quiet: false,
    failOn: null,
    ignore: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, null];
    if (flag === '-h' || flag === '--help') {
      out.help = true;
      continue;
    }
    if (flag === '-q' || flag === '--quiet') {
      out.quiet = true;
      continue;
    }
    if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      if (flag === '--baseline') out.baseline = value;
      else if (flag === '--target') out.target = value;
      else if (flag === '--final') out.final = value;
      else if (flag === '--json') out.json = value;
      else if (flag === '--html') out.html = value;
      else if (flag === '--md') out.md = value;
      else if (flag === '--raw') out.raw = value;
      else if (flag === '--top') out.top = positiveInt(flag, value);
      else if (flag === '--fail-on') {
        if (!(SEVERITIES as readonly string[]).includes(value))
          throw new UsageError(`--fail-on expects one of ${SEVERITIES.join(', ')}, got "${value}".`);
        out.failOn = value as Severity;
      } else if (flag === '--ignore') out.ignore.push(value);
      else out.maxBytes = positiveInt(flag, value) * 1024 * 1024;
      continue;
    }
    if (flag.startsWith('-') && flag !== '-') throw new UsageError(`Unknown option ${flag}.`);
    if (out.file !== null)
      throw new UsageError(`Only one snapshot file can be analysed at a time (got ${out.file} and ${arg}).`);
    out.file = arg;
  }
  if (out.help) return out;
  const diff = out.baseline !== null || out.target !== null || out.final !== null;
  if (diff && out.file !== null)
    throw new UsageError('Give either one snapshot file or --baseline/--target[/--final], not both.');
  if (diff && (out.baseline === null || out.target === null))
    throw new UsageError('A diff needs --baseline and --target (and optionally --final).');
  if (!diff && out.file === null) throw new UsageError('Missing the snapshot file to analyse.');
  return out;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} expects a positive whole number, got "${value}".`);
  return n;
}
