import type { Report } from './model.ts';

/** Host of the page for a file name: letters, digits, dots and dashes only; `page` when there is none. */
function hostPart(url: string): string {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    host = '';
  }
  const safe = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 60);
  return safe || 'page';
}

/** `leakscope-example.com-2026-11-26T14-05-00.html`: the page's host and the report's time (UTC), safe everywhere. */
export function reportFileName(report: Report, ext: string): string {
  const d = new Date(report.createdAt);
  const time = (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19).replace(/:/g, '-');
  const extension =
    ext
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 10) || 'txt';
  return `leakscope-${hostPart(report.page.url)}-${time}.${extension}`;
}
