/**
 * A CdpTransport over puppeteer's CDPSession that refuses every method an extension may not call
 * (chromium-facts.md): passing tests through it show the live scan works from the extension's chrome.debugger.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { CdpError, type CdpTransport } from '../../src/cdp/transport.ts';

const ALLOWED_DOMAINS = new Set(['DOM', 'DOMDebugger', 'Runtime', 'Debugger', 'Performance', 'Page', 'Log']);

export interface GuardedTransport extends CdpTransport {
  /** Methods called, in order (for tests that check what the scan used). */
  readonly calls: string[];
  readonly refused: string[];
  session: CDPSession;
}

export function guardedTransport(session: CDPSession): GuardedTransport {
  const calls: string[] = [];
  const refused: string[] = [];
  return {
    calls,
    refused,
    session,
    async send<T>(method: string, params?: Record<string, unknown>): Promise<T> {
      const domain = method.split('.')[0];
      if (!ALLOWED_DOMAINS.has(domain)) {
        refused.push(method);
        throw new CdpError(method, -32601, `'${method}' wasn't found`);
      }
      calls.push(method);
      try {
        return (await session.send(method as 'Runtime.evaluate', params as never)) as T;
      } catch (e) {
        throw new CdpError(method, null, e instanceof Error ? e.message : String(e));
      }
    },
    onEvent: (listener) => forwardEvents(session, listener),
  };
}

/** The CDP events the core listens to (puppeteer's CDPSession has no catch-all event). */
const FORWARDED_EVENTS = ['Debugger.scriptParsed'] as const;

export function forwardEvents(session: CDPSession, listener: (method: string, params: unknown) => void) {
  const handlers = FORWARDED_EVENTS.map((method) => {
    const h = (params: unknown) => listener(method, params);
    session.on(method, h);
    return () => session.off(method, h);
  });
  return () => {
    for (const off of handlers) off();
  };
}

export async function guardedTransportFor(page: Page): Promise<GuardedTransport> {
  return guardedTransport(await page.createCDPSession());
}
