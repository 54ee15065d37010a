// biome-ignore-all lint/complexity/noArguments: wrappers forward `arguments` as-is so argument-count behaviour stays native
import { apply, defineProperty, getOwnDescriptor, SafeWeakMap } from './pristine.ts';

/**
 * Makes wrapper functions indistinguishable from the natives they replace for `Function.prototype.toString`,
 * and installs them with the native property descriptor. Wrappers must be written as method shorthand
 * (`{ addEventListener(type, listener) {…} }.addEventListener`): that gives the native `name`, no `prototype`
 * and no [[Construct]], and the declared parameters give the native `length`.
 */

/** wrapper → the native whose source text it reports. */
const disguised = new SafeWeakMap<object, object>();
const nativeToString = Function.prototype.toString;

const patched = {
  toString(this: unknown): string {
    const self = typeof this === 'function' ? (disguised.get(this) ?? this) : this;
    // `arguments` is forwarded so argument-count quirks stay native.
    return apply(nativeToString, self, arguments) as string;
  },
}.toString;
disguised.set(patched, nativeToString);

/** Installs `Function.prototype.toString` first; returns false if the page's realm refused it. */
export function installToString(): boolean {
  return replaceProperty(Function.prototype, 'toString', patched, nativeToString);
}

/**
 * Replaces `owner[name]` (which must currently be `original`) with `wrapper`, keeping writable, enumerable
 * and configurable as they were. Returns false (and changes nothing) when that is not possible.
 */
export function replaceProperty(owner: object, name: string, wrapper: object, original: object): boolean {
  const d = getOwnDescriptor(owner, name);
  if (!d || d.value !== original || !d.configurable) return false;
  disguised.set(wrapper, original);
  return defineProperty(owner, name, {
    value: wrapper,
    writable: d.writable,
    enumerable: d.enumerable,
    configurable: d.configurable,
  });
}
