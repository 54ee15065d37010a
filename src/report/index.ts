/** The report model and its exports; pure, host-independent (panel, worker and command line). */
export {
  type AuditReportInput,
  heapSection,
  hopsFromHeap,
  hopsFromLive,
  iterationFromScan,
  reportFromAudit,
  reportFromHeap,
  reportFromScan,
  reportSuspect,
  type ScanReportInput,
} from './build.ts';
export { codeSpan, DISPLAY_MAX, escapeHtml, escapeMarkdown, neutralize, truncate } from './escape.ts';
export { reportFileName } from './file-name.ts';
export { type GateOptions, type GateResult, gate } from './gate.ts';
export { analyzeGrowth, growthOf } from './growth.ts';
export { auditSuspects } from './growth-suspects.ts';
export { chainHtml, REPORT_CSP, setToHtml, toHtml } from './html.ts';
export { toJson } from './json.ts';
export { toMarkdown } from './markdown.ts';
export * from './model.ts';
export { MAX_REPORT_CHARS, type ParseResult, parseReport } from './parse.ts';
export { type RedactOptions, redactReport } from './redact.ts';
export { type PageFailure, REPORT_SET_KIND, reportSet, setToJson, setToMarkdown } from './set.ts';
export { MIN_ITERATIONS } from './steady.ts';
