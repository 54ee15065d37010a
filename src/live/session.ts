import type { CdpTransport } from '../cdp/transport.ts';
import type { RemoteObjectLike } from './labels.ts';
import { ScanError } from './types.ts';

/** An argument of `Runtime.callFunctionOn`: a JSON value or a page object. */
export type CallArg = { value: unknown } | { objectId: string };

interface PropertyDescriptor {
  name: string;
  value?: RemoteObjectLike;
}
export interface PropertiesResult {
  result: PropertyDescriptor[];
  internalProperties?: PropertyDescriptor[];
  privateProperties?: PropertyDescriptor[];
  exceptionDetails?: unknown;
}

const NAVIGATION =
  /Cannot find context|context was destroyed|Inspected target navigated|target closed|Could not find object with given id|No node with given id|No node found/i;

/**
 * One scan's connection to the page: every object we get lives in object groups named after this scan, released by
 * `release()`; errors that mean "the page went away" become ScanError('navigated'); a pool pipelines many calls.
 */
export class PageSession {
  calls = 0;
  private readonly groups = new Set<string>();
  private navigated = false;

  constructor(
    private readonly transport: CdpTransport,
    readonly group: string,
    private readonly signal?: AbortSignal,
  ) {
    this.groups.add(group);
  }

  checkAbort(): void {
    if (this.signal?.aborted) throw new ScanError('aborted', 'the scan was cancelled');
    if (this.navigated) throw new ScanError('navigated', 'the page navigated during the scan; scan again');
  }

  async send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    this.checkAbort();
    this.calls++;
    try {
      return await this.transport.send<T>(method, params);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (NAVIGATION.test(msg)) {
        this.navigated = true;
        throw new ScanError(
          'navigated',
          `the page navigated during the scan (${method}: ${msg}); scan again`,
        );
      }
      if (e instanceof ScanError) throw e;
      throw new ScanError('cdp', `${method} failed: ${msg}`);
    }
  }

  /** Runs `fn` over `items` with up to `concurrency` calls in flight (pipelining is ~3× faster than one by one). */
  async pool<T, R>(
    items: readonly T[],
    fn: (item: T, i: number) => Promise<R>,
    concurrency = 128,
  ): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return out;
  }

  /** CDP events for the duration of a call; null when the transport delivers none. */
  onEvent(listener: (method: string, params: unknown) => void): (() => void) | null {
    return this.transport.onEvent ? this.transport.onEvent(listener) : null;
  }

  /** A sub-group for short-lived handles (released as soon as a BFS level is done). */
  subgroup(name: string): string {
    const g = `${this.group}:${name}`;
    this.groups.add(g);
    return g;
  }

  async evaluate(expression: string, opts: { byValue?: boolean; group?: string; contextId?: number } = {}) {
    const r = await this.send<{ result: RemoteObjectLike; exceptionDetails?: { text?: string } }>(
      'Runtime.evaluate',
      {
        expression,
        objectGroup: opts.group ?? this.group,
        returnByValue: opts.byValue ?? false,
        silent: true,
        ...(opts.contextId !== undefined ? { contextId: opts.contextId } : {}),
      },
    );
    if (r.exceptionDetails)
      throw new ScanError('cdp', `page evaluation failed: ${r.exceptionDetails.text ?? ''}`);
    return r.result;
  }

  async call(
    objectId: string,
    functionDeclaration: string,
    args: CallArg[] = [],
    opts: { byValue?: boolean; group?: string } = {},
  ): Promise<RemoteObjectLike> {
    const r = await this.send<{
      result: RemoteObjectLike;
      exceptionDetails?: { text?: string; exception?: RemoteObjectLike };
    }>('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration,
      arguments: args,
      objectGroup: opts.group ?? this.group,
      returnByValue: opts.byValue ?? false,
      silent: true,
    });
    if (r.exceptionDetails) {
      const why = r.exceptionDetails.exception?.description ?? r.exceptionDetails.text ?? '';
      throw new ScanError('cdp', `page function failed: ${why}`);
    }
    return r.result;
  }

  /**
   * Calls `functionDeclaration` and returns the type of every element of the array it returns, from CDP's deep
   * serialization (`maxDepth: 1`: one `{type}` per element, with no objectId and no description: ~20 bytes instead of
   * a ~200-byte RemoteObject). The serializer tells Proxies apart without running their traps. Null if this
   * Chromium gives no deep serialization.
   */
  async elementTypes(
    objectId: string,
    functionDeclaration: string,
    args: CallArg[],
    group: string,
  ): Promise<Array<{ type: string; value?: unknown }> | null> {
    const r = await this.send<{
      result: {
        deepSerializedValue?: { type: string; value?: Array<{ type: string; value?: unknown }> };
      };
      exceptionDetails?: { text?: string };
    }>('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration,
      arguments: args,
      objectGroup: group,
      silent: true,
      serializationOptions: { serialization: 'deep', maxDepth: 1 },
    });
    if (r.exceptionDetails)
      throw new ScanError('cdp', `page function failed: ${r.exceptionDetails.text ?? ''}`);
    const v = r.result.deepSerializedValue;
    if (v?.type !== 'array' || !Array.isArray(v.value)) return null;
    return v.value;
  }

  /** Own and internal properties; the objects returned join the group of `objectId`. */
  properties(objectId: string): Promise<PropertiesResult> {
    return this.send<PropertiesResult>('Runtime.getProperties', {
      objectId,
      ownProperties: true,
      generatePreview: false,
    });
  }

  releaseGroup(group: string): Promise<void> {
    this.groups.delete(group);
    return this.transport.send('Runtime.releaseObjectGroup', { objectGroup: group }).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Releases every group of this scan, whatever happened: after a scan the tool holds nothing of the page. */
  async release(): Promise<void> {
    await Promise.all([...this.groups].map((g) => this.releaseGroup(g)));
  }
}
