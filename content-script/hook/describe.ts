import { LIMITS, type TargetKind } from '../../src/protocol/index.ts';
import { apply, dom, getOwnDescriptor, getPrototypeOf, objectToString, slice } from './pristine.ts';

/**
 * Short labels for targets and handlers. Everything read here is page data: it is only ever placed in JSON
 * strings (never markup), clamped, and read through pristine accessors inside try/catch.
 */

const clamp = (s: string, max = 80): string => (s.length > max ? `${slice(s, 0, max - 1)}…` : s);

/** `a  b c` → `.a.b.c`, without `String.prototype.split` (the page may have replaced it). */
function classes(cls: string): string {
  let out = '';
  let sep = true;
  for (let i = 0; i < cls.length && out.length < LIMITS.maxStringLength; i++) {
    const ch = cls[i];
    const space = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
    if (!space && sep) out += '.';
    if (!space) out += ch;
    sep = space;
  }
  return out;
}

export function targetKind(target: object): TargetKind {
  if (target === dom.window) return 'window';
  try {
    const type = apply(dom.nodeType, target, []);
    if (typeof type !== 'number') return 'other';
    if (type === 9) return 'document';
    if (type === 1) return 'element';
    return 'node';
  } catch {
    return 'other';
  }
}

export function describeTarget(target: object, kind: TargetKind): string {
  try {
    if (kind === 'window') return 'window';
    if (kind === 'document') return target === dom.document ? 'document' : '#document';
    if (kind === 'element') {
      let s = `${apply(dom.localName, target, [])}`;
      const id = apply(dom.elementId, target, []) as string;
      if (id) s += `#${clamp(id, 60)}`;
      const cls = apply(dom.getAttribute, target, ['class']) as string | null;
      if (cls) s += classes(cls);
      return clamp(`<${clamp(s, LIMITS.maxStringLength - 2)}>`, LIMITS.maxStringLength);
    }
    // `[object XMLHttpRequest]` → `XMLHttpRequest`; for nodes `[object Text]` → `#Text`.
    const full = `${apply(objectToString, target, [])}`;
    const tag = slice(full, 8, full.length - 1);
    return clamp(kind === 'node' ? `#${tag}` : tag);
  } catch {
    return kind;
  }
}

const nameOf = (fn: unknown): string => {
  if (typeof fn !== 'function') return '';
  const d = getOwnDescriptor(fn, 'name');
  return d && typeof d.value === 'string' ? d.value : '';
};

/** `fnName`, `(anonymous)`, or the constructor name of a `handleEvent` object. */
export function describeHandler(handler: unknown): string {
  try {
    if (typeof handler === 'string') return clamp(`"${handler}"`);
    if (typeof handler === 'function') return clamp(nameOf(handler) || '(anonymous)');
    if (handler && typeof handler === 'object') {
      const proto = getPrototypeOf(handler);
      const ctor = proto ? getOwnDescriptor(proto, 'constructor') : undefined;
      const name = ctor && 'value' in ctor ? nameOf(ctor.value) : '';
      return clamp(`${name || 'Object'}.handleEvent`);
    }
  } catch {}
  return '(unknown)';
}
