/**
 * One shape for the browser pages an audit can drive: a puppeteer Page or a Playwright Page (Chromium). Only what
 * an audit needs — navigation and CDP sessions — typed structurally,
 * so neither library's types are needed to use the API.
 */
import { CdpError, type CdpTransport } from '../src/cdp/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: event payloads differ per event; both libraries type them per name.
type EventHandler = (params: any) => void;

/** The CDP session methods both libraries share. */
export interface CdpSessionLike {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, handler: EventHandler): unknown;
  off(event: string, handler: EventHandler): unknown;
  detach(): Promise<void>;
}

/** What Leakscope uses of a puppeteer `Page`. */
export interface PuppeteerPageLike {
  createCDPSession(): Promise<CdpSessionLike>;
  goto(url: string, options?: { waitUntil?: 'load'; timeout?: number }): Promise<unknown>;
  url(): string;
  title(): Promise<string>;
  browser(): { version(): Promise<string> };
}

/** What Leakscope uses of a Playwright `Page` (Chromium only: the audit speaks CDP). */
export interface PlaywrightPageLike {
  context(): {
    /** Playwright takes a Page or a Frame here; `object` keeps the type check to what Leakscope passes. */
    newCDPSession(page: object): Promise<CdpSessionLike>;
    browser(): { version(): string } | null;
  };
  goto(url: string, options?: { waitUntil?: 'load'; timeout?: number }): Promise<unknown>;
  url(): string;
  title(): Promise<string>;
}

export type AuditablePage = PuppeteerPageLike | PlaywrightPageLike;

export interface PageDriver {
  /** The page as the caller gave it: scenario functions receive it. */
  readonly page: AuditablePage;
  goto(url: string): Promise<void>;
  url(): string;
  title(): Promise<string>;
  browserVersion(): Promise<string>;
  cdpSession(): Promise<CdpSessionLike>;
}

export class PageTypeError extends Error {}

const LOAD = { waitUntil: 'load', timeout: 30_000 } as const;

function isPuppeteer(page: AuditablePage): page is PuppeteerPageLike {
  return typeof (page as PuppeteerPageLike).createCDPSession === 'function';
}

function isPlaywright(page: AuditablePage): page is PlaywrightPageLike {
  return (
    typeof (page as PlaywrightPageLike).context === 'function' &&
    typeof (page as PlaywrightPageLike).goto === 'function'
  );
}

export function driverFor(page: AuditablePage): PageDriver {
  if (isPuppeteer(page)) {
    return {
      page,
      goto: async (url) => {
        await page.goto(url, LOAD);
      },
      url: () => page.url(),
      title: () => page.title(),
      browserVersion: () => page.browser().version(),
      cdpSession: () => page.createCDPSession(),
    };
  }
  if (isPlaywright(page)) {
    return {
      page,
      goto: async (url) => {
        await page.goto(url, LOAD);
      },
      url: () => page.url(),
      title: () => page.title(),
      browserVersion: async () => page.context().browser()?.version() ?? 'unknown',
      cdpSession: () => page.context().newCDPSession(page),
    };
  }
  throw new PageTypeError('Expected a puppeteer Page or a Playwright Page (Chromium), or a URL.');
}

/** Scan's transport over one CDP session: errors carry the method, scriptParsed events reach the scan. */
export function transportOf(session: CdpSessionLike): CdpTransport {
  return {
    async send<T>(method: string, params?: Record<string, unknown>): Promise<T> {
      try {
        return (await session.send(method, params)) as T;
      } catch (e) {
        throw new CdpError(method, null, e instanceof Error ? e.message : String(e));
      }
    },
    // The scan reads the page's scripts from the Debugger's replayed scriptParsed events.
    onEvent(listener) {
      const h = (params: unknown) => listener('Debugger.scriptParsed', params);
      session.on('Debugger.scriptParsed', h);
      return () => {
        session.off('Debugger.scriptParsed', h);
      };
    },
  };
}
