/**
 * The scenario when none is given (the link-walking default of fuite): each iteration follows the next same-origin
 * link of the start page, as a person clicking it, then goes back. A single-page app's router keeps the same
 * document, so what a visit leaves behind adds up; a link to another document reloads, and nothing adds up. A page
 * with no link gets idle periods instead. Written against `page.evaluate(fn, arg)` only, which puppeteer and
 * Playwright share. The page functions define no named inner functions: under tsx those gain a `__name(…)` call,
 * which does not exist in the page.
 */
import type { Scenario, ScenarioPage } from './audit-scenario.ts';

/** Links followed, at most (the rest of a long menu adds time, not findings). */
export const MAX_LINKS = 20;
const WAIT_MS = 10_000;
/** No DOM change for this long after a visit: the view is rendered. */
const QUIET_MS = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Same-origin links of the page a person could follow: no new tab, no download, not the page itself. */
function pageLinks(): string[] {
  const here = location.href.split('#')[0];
  const seen = new Set<string>();
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const link = a as HTMLAnchorElement;
    if (link.origin !== location.origin || link.hasAttribute('download')) continue;
    if (link.target && link.target !== '_self') continue;
    if (!/^https?:$/.test(link.protocol) || link.href === location.href || link.href === here) continue;
    seen.add(link.href);
  }
  return [...seen];
}

/** Clicks the first link to `href` the page has now (routers re-render their links). */
function clickLink(href: string): boolean {
  const link = Array.from(document.querySelectorAll('a[href]')).find(
    (a) => (a as HTMLAnchorElement).href === href,
  );
  (link as HTMLAnchorElement | undefined)?.click();
  return link !== undefined;
}

/**
 * Resolves once the document has not changed for `ms` (a router renders after the URL changes), or after 2 s of
 * constant change. The observer is disconnected before it resolves.
 */
function domQuiet(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Every timer and the observer end with it: the walk must leave nothing running in the page it audits.
    // (`end` is a method, not an arrow in a const: tsx would wrap that in a __name() call the page lacks.)
    const state = {
      quiet: undefined as ReturnType<typeof setTimeout> | undefined,
      limit: undefined as ReturnType<typeof setTimeout> | undefined,
      observer: null as MutationObserver | null,
      end(quiet: boolean) {
        this.observer?.disconnect();
        clearTimeout(this.quiet);
        clearTimeout(this.limit);
        resolve(quiet);
      },
    };
    state.observer = new MutationObserver(() => {
      clearTimeout(state.quiet);
      state.quiet = setTimeout(() => state.end(true), ms);
    });
    state.observer.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    state.quiet = setTimeout(() => state.end(true), ms);
    state.limit = setTimeout(() => state.end(false), 2000);
  });
}

/** Polls `test` in the page until it is true; a navigation in between (a destroyed context) just means retry. */
async function until(page: ScenarioPage, test: (arg: string) => boolean, arg: string, what: string) {
  const end = Date.now() + WAIT_MS;
  while (Date.now() < end) {
    if (await page.evaluate(test, arg).catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${what} did not happen within ${WAIT_MS / 1000} s`);
}

export function linkWalkScenario(idleMs: number): Scenario & { links(): readonly string[] } {
  let links: string[] = [];
  let start = '';
  let next = 0;
  return {
    name: 'follow each same-origin link and go back',
    beforeInitialPage: async () => {},
    links: () => links,
    async setup(page) {
      start = await page.evaluate(() => location.href);
      links = ((await page.evaluate(pageLinks)) as string[]).slice(0, MAX_LINKS);
    },
    async action(page) {
      if (links.length === 0) return sleep(idleMs);
      const href = links[next++ % links.length];
      if (!(await page.evaluate(clickLink, href)))
        throw new Error(`the start page no longer has its link to ${href}`);
      await until(
        page,
        (h) => location.href === h && document.readyState !== 'loading',
        href,
        `Going to ${href}`,
      );
    },
    async back(page) {
      if (links.length === 0) return;
      await page.evaluate(() => history.back());
      await until(page, (h) => location.href === h && document.readyState !== 'loading', start, 'Going back');
      await page.evaluate(domQuiet, QUIET_MS);
    },
  };
}
