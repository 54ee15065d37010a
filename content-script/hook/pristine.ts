/**
 * Built-ins captured when the hook starts (document_start, before any page script), so that a page which later
 * replaces `Map.prototype.set`, `JSON.stringify`, `Error.captureStackTrace`, … cannot run code inside the hook's
 * bookkeeping or see its data. Collections get private subclasses whose methods are own copies of the originals.
 */

export const apply = Reflect.apply;
export const defineProperty = Reflect.defineProperty;
export const getOwnDescriptor = Reflect.getOwnPropertyDescriptor;
export const getPrototypeOf = Reflect.getPrototypeOf;
export const isArray = Array.isArray;
export const isFiniteNumber = Number.isFinite;
export const objectKeys = Object.keys;
export const stringifyString: (s: string) => string = JSON.stringify;
export const parseJson: (s: string) => unknown = JSON.parse;
export const captureStackTrace = Error.captureStackTrace;
export const NativeError = Error;
export const objectToString = Object.prototype.toString;

/** Copies the named methods of `proto` onto `target` so later changes to `proto` cannot reach us. */
function pin(target: object, proto: object, names: (string | symbol)[]): void {
  for (const name of names) {
    const d = getOwnDescriptor(proto, name);
    if (d) defineProperty(target, name, d);
  }
}

export class SafeMap<K, V> extends Map<K, V> {}
pin(SafeMap.prototype, Map.prototype, ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'size']);

export class SafeSet<T> extends Set<T> {}
pin(SafeSet.prototype, Set.prototype, ['add', 'has', 'delete', 'clear', 'forEach', 'size']);

export class SafeWeakMap<K extends WeakKey, V> extends WeakMap<K, V> {}
pin(SafeWeakMap.prototype, WeakMap.prototype, ['get', 'set', 'has', 'delete']);

export class SafeWeakRef<T extends WeakKey> extends WeakRef<T> {}
pin(SafeWeakRef.prototype, WeakRef.prototype, ['deref']);

const getter = (proto: object, name: string): ((this: unknown) => unknown) | undefined =>
  getOwnDescriptor(proto, name)?.get as ((this: unknown) => unknown) | undefined;

/** DOM accessors and methods, called with `apply` on whatever object the page gave us. */
export const dom = {
  nodeType: getter(Node.prototype, 'nodeType')!,
  isConnected: getter(Node.prototype, 'isConnected')!,
  localName: getter(Element.prototype, 'localName')!,
  elementId: getter(Element.prototype, 'id')!,
  getAttribute: Element.prototype.getAttribute,
  signalAborted: getter(AbortSignal.prototype, 'aborted')!,
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  addEventListener: EventTarget.prototype.addEventListener,
  removeEventListener: EventTarget.prototype.removeEventListener,
  eventDetail: getter(CustomEvent.prototype, 'detail')!,
  eventType: getter(Event.prototype, 'type')!,
  relatedTarget: getter(MouseEvent.prototype, 'relatedTarget')!,
  createElement: Document.prototype.createElement,
  CustomEvent,
  MouseEvent,
  document,
  window,
};

/** Native timer functions (own properties of the global object), called with `apply`. */
export const timers = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
};

const functionCall = Function.prototype.call;
const functionBind = Function.prototype.bind;
/**
 * `fn` as a plain function taking the receiver first: `callable(fn)(self, a, b)` is `fn.call(self, a, b)` with
 * the original `call`. Much faster than `Reflect.apply(fn, self, arguments)` for the browser's API functions.
 */
export const callable = <A extends unknown[], R>(fn: (...args: A) => R) =>
  apply(functionBind, functionCall, [fn]) as (self: unknown, ...args: A) => R;

const dateNow = Date.now;
export const timeOrigin = performance.timeOrigin;
const enqueueMicrotask = queueMicrotask;
let cachedNow = -1;
const expireNow = () => {
  cachedNow = -1;
};
/**
 * Milliseconds since the document's time origin, immune to a page replacing `Date.now`. Read once per task (a
 * clock read is a call into C++; a burst of registrations in one task shares one reading, cleared at the
 * microtask checkpoint): "when" is accurate to the task, which is what a leak report needs.
 */
export const now = (): number => {
  if (cachedNow < 0) {
    cachedNow = dateNow() - timeOrigin;
    enqueueMicrotask(expireNow);
  }
  return cachedNow;
};

const stringSlice = String.prototype.slice;
/** `s.slice(a, b)` without consulting `String.prototype`. */
export const slice = (s: string, a: number, b?: number): string => apply(stringSlice, s, [a, b]) as string;

/** `arr.push(x)` without consulting `Array.prototype`. */
export const push = <T>(arr: T[], x: T): void => {
  arr[arr.length] = x;
};
