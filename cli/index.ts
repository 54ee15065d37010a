/**
 * Leakscope's Node API (`import … from 'leakscope'`): audit a page driven by puppeteer or Playwright, or a URL in a
 * Chromium of its own; scan a page once; analyse heap snapshot files; read reports back; assert in a test.
 */
import { toolVersion } from './tool-version.ts';

export type { PipelineProgress } from '../src/heap/pipeline.ts';
export type { AnalysisResult } from '../src/heap/result.ts';
export type { ScanOptions, ScanResult } from '../src/live/types.ts';
export { type GateOptions, type GateResult, gate } from '../src/report/gate.ts';
export { toHtml } from '../src/report/html.ts';
export { toJson } from '../src/report/json.ts';
export { toMarkdown } from '../src/report/markdown.ts';
export type { Report, ReportSuspect } from '../src/report/model.ts';
export { type ParseResult, parseReport } from '../src/report/parse.ts';
export { SEVERITIES, type Severity } from '../src/severity.ts';
export { findSuspects } from '../src/suspects/index.ts';
export type { Suspect } from '../src/suspects/types.ts';
export {
  type AuditOptions,
  analyzeSnapshot,
  audit,
  LeakscopeUsageError,
  type SnapshotFiles,
  scan,
} from './api.ts';
export type { ScenarioPage, ScenarioSteps } from './audit-scenario.ts';
export { type ExpectNoLeaksOptions, expectNoLeaks, LeakAssertionError } from './expect-no-leaks.ts';
export type { AuditablePage, PlaywrightPageLike, PuppeteerPageLike } from './page-driver.ts';

/** The package's version. */
export const version = toolVersion();
