/**
 * One measurement as the panel and the command line take it: a live scan, its suspects over the scans before it
 * (the growth rules compare), and the script URL of every callsite the scan knows by scriptId only.
 */
import type { CdpTransport } from './cdp/transport.ts';
import { scan } from './live/scan.ts';
import type { ScanOptions, ScanResult } from './live/types.ts';
import { fillCallsiteUrls, type ScriptInfo } from './sourcemap/scripts.ts';
import { findSuspects } from './suspects/index.ts';
import type { Suspect } from './suspects/types.ts';

export interface Measurement {
  result: ScanResult;
  suspects: Suspect[];
  /** The page's scripts, when URLs had to be looked up (their source maps are then known too). */
  scripts: ScriptInfo[];
}

/** How many earlier scans the growth rules look at (the panel and the audit keep this many). */
export const HISTORY_LENGTH = 3;

export async function measure(
  transport: CdpTransport,
  options: ScanOptions = {},
  history: readonly ScanResult[] = [],
): Promise<Measurement> {
  const result = await scan(transport, options);
  const suspects = findSuspects(result, undefined, history);
  const scripts = await fillCallsiteUrls(transport, [
    ...suspects,
    ...result.listeners,
    ...(result.timers ?? []),
  ]);
  return { result, suspects, scripts };
}
