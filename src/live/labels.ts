/** Plain-words labels and walk decisions for objects as CDP describes them (pure; no CDP calls). */

import { LIMITS } from '../protocol/messages.ts';

/** The parts of a CDP `Runtime.RemoteObject` we read. */
export interface RemoteObjectLike {
  type: string;
  subtype?: string;
  className?: string;
  description?: string;
  objectId?: string;
  value?: unknown;
}

/** What to do with an object once CDP told us what it is. */
export interface Classification {
  /** Walk its own properties in the page (false for proxies, natives, weak collections, binary data). */
  walk: boolean;
  /** Which internal slots to ask CDP for (getProperties), if any. */
  internal: 'function' | 'bound' | 'map' | 'set' | 'proxy' | 'promise' | 'instance' | null;
  /** Bytes for binary data, which the page walk does not see. */
  bytes: number;
}

const TYPED_BYTES: Record<string, number> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};

function lengthIn(description: string | undefined): number {
  const m = /\((\d+)\)\s*$/.exec(description ?? '');
  return m ? Number(m[1]) : 0;
}

/** `platformNames`: names of a pristine global (interfaces like `Location`): their instances have no #private fields. */
export function classify(
  o: RemoteObjectLike,
  nameHint: string,
  platformNames: ReadonlySet<string>,
): Classification {
  if (o.subtype === 'proxy') return { walk: false, internal: 'proxy', bytes: 0 };
  if (o.type === 'function') {
    if ((o.description ?? '').endsWith('{ [native code] }')) {
      // Bound functions look native; their own `name` starts with "bound ".
      return nameHint.startsWith('bound ')
        ? { walk: true, internal: 'bound', bytes: 0 }
        : { walk: false, internal: null, bytes: 0 };
    }
    return { walk: true, internal: 'function', bytes: 64 };
  }
  switch (o.subtype) {
    case 'map':
      return { walk: true, internal: 'map', bytes: 0 };
    case 'set':
      return { walk: true, internal: 'set', bytes: 0 };
    case 'weakmap':
    case 'weakset':
    case 'weakref':
      return { walk: false, internal: null, bytes: 0 };
    case 'typedarray':
      return {
        walk: false,
        internal: null,
        bytes: lengthIn(o.description) * (TYPED_BYTES[o.className ?? ''] ?? 1),
      };
    case 'arraybuffer':
    case 'dataview':
    case 'webassemblymemory':
    case 'wasmvalue':
      return { walk: false, internal: null, bytes: lengthIn(o.description) };
    case 'promise':
      return { walk: true, internal: 'promise', bytes: 0 };
    case 'node':
    case 'array':
    case 'error':
    case 'regexp':
    case 'date':
    case 'iterator':
    case 'generator':
      return { walk: true, internal: null, bytes: 0 };
  }
  // Another realm's window (same-origin iframe): walking it would walk a whole second set of built-ins.
  if (o.className === 'Window') return { walk: false, internal: null, bytes: 0 };
  const cls = o.className ?? 'Object';
  const userClass = cls !== 'Object' && !platformNames.has(cls);
  return { walk: true, internal: userClass ? 'instance' : null, bytes: 0 };
}

/** `div#main.a.b` (CDP's node description) → `<div id="main" class="a b">`. */
export function nodeLabel(description: string): string {
  const m = /^([^#.\s[]+)((?:[#.][^#.\s]+)*)/.exec(description);
  if (!m) return `<${description}>`;
  const tag = m[1].toLowerCase();
  if (tag.startsWith('#')) return tag; // #text, #document
  let id = '';
  const classes: string[] = [];
  for (const part of m[2].match(/[#.][^#.]+/g) ?? []) {
    if (part[0] === '#') id = part.slice(1);
    else classes.push(part.slice(1));
  }
  return `<${tag}${id ? ` id="${id}"` : ''}${classes.length ? ` class="${classes.join(' ')}"` : ''}>`;
}

/** The name a function is known by: its own `name`, else the one in its source, else "(anonymous)". */
export function functionName(description: string | undefined, nameHint: string): string {
  if (nameHint) return nameHint;
  const d = description ?? '';
  const m = /^(?:async\s+)?(?:function\s*\*?\s*([\w$]+)|class\s+([\w$]+))/.exec(d);
  if (m) return m[1] ?? m[2] ?? '(anonymous)';
  // Method shorthand, as V8 describes a class or object-literal method: `onClick() { … }`, `async *load(x) { … }`.
  const method = /^(?:async\s+)?\*?\s*(?!async\s*\(|function\b)([\w$]+)\s*\(/.exec(d);
  return method?.[1] ?? '(anonymous)';
}

/** A short label for any object: `onResize()`, `class Ticker`, `<td>`, `Map(1)`, `Ticker`, `Array(5000)`. */
export function labelOf(o: RemoteObjectLike, nameHint = ''): string {
  if (o.type === 'string') {
    const v = String(o.value ?? o.description ?? '');
    return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  }
  if (o.type !== 'object' && o.type !== 'function') return String(o.value ?? o.description ?? o.type);
  if (o.type === 'function') {
    const d = o.description ?? '';
    if (/^class\b/.test(d)) return `class ${functionName(d, nameHint)}`;
    return `${functionName(d, nameHint)}()`;
  }
  if (o.subtype === 'node') return nodeLabel(o.description ?? o.className ?? 'node');
  if (o.subtype === 'proxy') return o.description ?? 'Proxy';
  const d = o.description ?? o.className ?? 'Object';
  return d.length > 60 ? `${d.slice(0, 57)}...` : d;
}

/**
 * A node as the page hook labels an event target (`<button#save.primary>`, content-script/hook/describe.ts), so
 * a listener CDP lists can be matched with the hook's record of it. Null for nodes other than elements.
 */
export function registryNodeLabel(n: {
  nodeType: number;
  nodeName: string;
  localName?: string;
  attributes?: string[];
}): string | null {
  if (n.nodeType !== 1) return null;
  const attrs = n.attributes ?? [];
  const attr = (name: string) => {
    for (let i = 0; i + 1 < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
    return '';
  };
  const id = attr('id');
  const classes = attr('class')
    .split(/[ \t\n\r\f]+/)
    .filter(Boolean)
    .map((c) => `.${c}`)
    .join('');
  const max = LIMITS.maxStringLength;
  const clamp = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const inner = `${n.localName ?? n.nodeName.toLowerCase()}${id ? `#${clamp(id, 60)}` : ''}${classes}`;
  return clamp(`<${clamp(inner, max - 2)}>`, max);
}

/** `{nodeName, attributes}` of a CDP `DOM.Node` → `<section id="x" class="dialog">`. */
export function domNodeLabel(n: {
  nodeName: string;
  nodeType?: number;
  attributes?: string[];
  value?: string;
}): string {
  // An attribute node (Attr) kept on its own: `attribute data-x="1"`, not an element called data-x.
  if (n.nodeType === 2) return `attribute ${n.nodeName}="${n.value ?? ''}"`;
  const tag = n.nodeName.toLowerCase();
  if (tag.startsWith('#')) return tag;
  const attrs = n.attributes ?? [];
  let out = `<${tag}`;
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    if (attrs[i] === 'id' || attrs[i] === 'class') out += ` ${attrs[i]}="${attrs[i + 1]}"`;
  }
  return `${out}>`;
}
