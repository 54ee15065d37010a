/** Parsed `leakscope audit` arguments. */
import { SEVERITIES, type Severity } from '../src/report/index.ts';
import { UsageError } from './args.ts';

export interface AuditArgs {
  help: boolean;
  url: string;
  /** A file of URLs (one per line) or a sitemap.xml: each page is audited, one combined report. */
  urls: string | null;
  /** Pages audited at once with --urls. */
  concurrency: number;
  scenario: string | null;
  /** Null when not given: the scenario's repeat() + 1, else 5. */
  iterations: number | null;
  settleMs: number;
  json: string | null;
  html: string | null;
  md: string | null;
  failOn: Severity | null;
  /** A report (--json) of an earlier audit: its suspects do not fail --fail-on. */
  baseline: string | null;
  /** Suspects whose script URL, chain or title matches one of these never fail --fail-on. */
  ignore: string[];
  headful: boolean;
  /** No scenario: idle periods instead of following the page's links. */
  idle: boolean;
  /** Audit in a tab of this running browser (ws:// endpoint or http:// address) instead of launching one. */
  browserEndpoint: string | null;
  quiet: boolean;
  /** Print the stack of an unexpected error. */
  debug: boolean;
}

const VALUE_FLAGS = new Set([
  '--scenario',
  '--iterations',
  '--settle',
  '--json',
  '--html',
  '--md',
  '--fail-on',
  '--baseline',
  '--ignore',
  '--browser-ws-endpoint',
  '--urls',
  '--concurrency',
]);

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} expects a whole number ≥ ${min}, got "${value}".`);
  return n;
}

export function parseAuditArgs(argv: string[]): AuditArgs {
  const out: AuditArgs = {
    help: false,
    url: '',
    urls: null,
    concurrency: 1,
    scenario: null,
    iterations: null,
    settleMs: 500,
    json: null,
    html: null,
    md: null,
    failOn: null,
    baseline: null,
    ignore: [],
    headful: false,
    idle: false,
    browserEndpoint: null,
    quiet: false,
    debug: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : null;
    if (flag === '-h' || flag === '--help') out.help = true;
    else if (flag === '-q' || flag === '--quiet') out.quiet = true;
    else if (flag === '--headful') out.headful = true;
    else if (flag === '--debug') out.debug = true;
    else if (flag === '--idle') out.idle = true;
    else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      if (flag === '--scenario') out.scenario = value;
      else if (flag === '--iterations') out.iterations = wholeNumber(flag, value, 1);
      else if (flag === '--settle') out.settleMs = wholeNumber(flag, value, 0);
      else if (flag === '--json') out.json = value;
      else if (flag === '--html') out.html = value;
      else if (flag === '--md') out.md = value;
      else if (flag === '--baseline') out.baseline = value;
      else if (flag === '--urls') out.urls = value;
      else if (flag === '--concurrency') out.concurrency = wholeNumber(flag, value, 1);
      else if (flag === '--ignore') out.ignore.push(value);
      else if (flag === '--browser-ws-endpoint') {
        if (!/^(wss?|https?):\/\//i.test(value))
          throw new UsageError(`--browser-ws-endpoint expects ws://…, wss://… or http://…, got "${value}".`);
        out.browserEndpoint = value;
      } else {
        if (!(SEVERITIES as readonly string[]).includes(value))
          throw new UsageError(`--fail-on expects one of ${SEVERITIES.join(', ')}, got "${value}".`);
        out.failOn = value as Severity;
      }
    } else if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}.`);
    else if (out.url)
      throw new UsageError(`Only one URL can be audited at a time (got ${out.url} and ${arg}).`);
    else out.url = arg;
  }
  if (out.help) return out;
  if (out.idle && out.scenario !== null) throw new UsageError('Give either --scenario or --idle, not both.');
  if (out.urls !== null && out.url)
    throw new UsageError(`Give either a URL or --urls, not both (got ${out.url} and --urls ${out.urls}).`);
  if (out.urls !== null) return out;
  // A scenario may name its page (MemLab's url()): checked once it is loaded.
  if (!out.url && out.scenario !== null) return out;
  if (!out.url) throw new UsageError('Missing the URL to audit (or --urls list.txt).');
  if (!/^(https?|file):/i.test(out.url))
    throw new UsageError(`The URL must start with http:, https: or file: (got "${out.url}").`);
  return out;
}
