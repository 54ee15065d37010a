/**
 * Leakscope's Node API (`import … from 'leakscope'`): audit a page driven by puppeteer or Playwright, or a URL in a
 * Chromium of its own; scan a page once; analyse heap snapshot files; read reports back; assert in a test.
 */
import { toolVersion } from './tool-version.ts';

export type { AnalysisResult, PipelineProgress } from '../src/heap/index.ts';
export type { ScanOptions, ScanResult } from '../src/live/index.ts';
export {
  type GateOptions,
  type GateResult,
  gate,
  type ParseResult,
  parseReport,
  type Report,
  type ReportSuspect,
  toHtml,
  toJson,
  toMarkdown,
} from '../src/report/index.ts';
export { SEVERITIES, type Severity } from '../src/severity.ts';
export { findSuspects, type Suspect } from '../src/suspects/index.ts';
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
