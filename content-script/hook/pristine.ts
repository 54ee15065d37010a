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

/*
 * The hook's registries are instances of these classes. Their names start with `Leakscope` so that retainer chains
 * computed from heap snapshots (src/heap/passes/edge-mask.ts demotes edges into /^Leakscope[A-Z]\w*$/ objects) do
 * not run through the tool's own bookkeeping. The base constructors are captured here, at hook start.
 */
const PristineMap = Map;
const PristineSet = Set;
const PristineWeakMap = WeakMap;
const PristineWeakRef = WeakRef;

class LeakscopeMap<K, V> extends PristineMap<K, V> {}
pin(LeakscopeMap.prototype, PristineMap.prototype, [
  'get',
  'set',
  'has',
  'delete',
  'clear',
  'forEach',
  'size',
]);

class LeakscopeSet<T> extends PristineSet<T> {}
pin(LeakscopeSet.prototype, PristineSet.prototype, ['add', 'has', 'delete', 'clear', 'forEach', 'size']);

class LeakscopeWeakMap<K extends WeakKey, V> extends PristineWeakMap<K, V> {}
pin(LeakscopeWeakMap.prototype, PristineWeakMap.prototype, ['get', 'set', 'has', 'delete']);

class LeakscopeWeakRef<T extends WeakKey> extends PristineWeakRef<T> {}
pin(LeakscopeWeakRef.prototype, PristineWeakRef.prototype, ['deref']);

export {
  LeakscopeMap as SafeMap,
  LeakscopeSet as SafeSet,
  LeakscopeWeakMap as SafeWeakMap,
  LeakscopeWeakRef as SafeWeakRef,
};

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

const setPrototypeOf = Reflect.setPrototypeOf;
/**
 * A fresh array with a null prototype: writing its next index (see `push`) can never reach an accessor a page
 * defined on `Array.prototype[i]`. Index access, `length` and `Array.isArray` behave as usual; array methods and
 * iteration are not available (the hook uses neither).
 */
export const newArray = <T>(): T[] => {
  const arr: T[] = [];
  setPrototypeOf(arr, null);
  return arr;
};

/** `arr.push(x)` without consulting `Array.prototype` (for arrays from `newArray`, or with the index already own). */
export const push = <T>(arr: T[], x: T): void => {
  arr[arr.length] = x;
};
