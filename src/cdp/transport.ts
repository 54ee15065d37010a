/**
 * The one thing the core needs from a debugging connection: send a CDP command, get its result.
 * The panel implements it over chrome.debugger; tests and the command line over puppeteer-core's CDPSession.
 */
export interface CdpTransport {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** CDP events, where the transport delivers them (the panel's does); returns the unsubscribe function. */
  onEvent?(listener: (method: string, params: unknown) => void): () => void;
}

/** A CDP error as a transport reports it (`{code, message}`), e.g. -32601 for a method an extension may not use. */
export class CdpError extends Error {
  constructor(
    readonly method: string,
    readonly code: number | null,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = 'CdpError';
  }
}
