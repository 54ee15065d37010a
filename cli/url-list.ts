/** The pages `audit --urls` visits: a text file (one URL per line, `#` comments) or a sitemap.xml (`<loc>` entries). */
import { readFileSync } from 'node:fs';
import { InputError } from './report-file.ts';

/** More pages than this in one run is a mistake (a whole site's sitemap): split it. */
export const MAX_URLS = 1000;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseUrlList(text: string, name: string): string[] {
  const isXml = /^\s*(<\?xml|<urlset|<sitemapindex)/i.test(text);
  const raw = isXml
    ? [...text.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/gi)].map((m) =>
        m[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]),
      )
    : text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
  const bad = raw.find((u) => !/^(https?|file):/i.test(u));
  if (bad !== undefined)
    throw new InputError(
      `${name}: every URL must start with http:, https: or file: (got "${bad.slice(0, 200)}").`,
    );
  const urls = [...new Set(raw)];
  if (urls.length === 0) throw new InputError(`${name} lists no URL.`);
  if (urls.length > MAX_URLS)
    throw new InputError(`${name} lists ${urls.length} URLs; at most ${MAX_URLS} per run.`);
  return urls;
}

export function readUrlList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : String(code ?? err)}.`);
  }
  return parseUrlList(text, file);
}
