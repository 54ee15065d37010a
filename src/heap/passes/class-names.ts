import type { HeapGraph } from '../graph.ts';
import { DETACHED } from './detachedness.ts';

/** Pass 6 — class names, interned: `classId[o]` indexes `names`. */
export interface ClassNames {
  classId: Uint32Array;
  names: string[];
}

const DOM_TAG = /^<([A-Za-z][\w:-]*)/;
const SCOPE_SUFFIX = / \/ scope @\d+$/;

/** True for a native node that is a DOM node (`<div …>`, `Text`, …) rather than another C++ object. */
export function isDomName(name: string): boolean {
  return name.startsWith('<') || DOM_CLASS.test(name);
}

/** Pre-2021 Chromium named DOM nodes by C++ class (HTMLDivElement) instead of by tag. */
const DOM_CLASS = /^(?:(?:HTML|SVG|MathML)\w*Element|Text|Comment|CDATASection|ShadowRoot|DocumentFragment)$/;

/**
 * The name a person groups by: the constructor name for objects, `<div>` for an element (attributes dropped),
 * `Detached <div>` for a detached one, and a parenthesised category for engine-internal node types.
 */
export function classNameOf(typeName: string, name: string, detached: boolean): string {
  switch (typeName) {
    case 'object':
    case 'native': {
      let base = name;
      if (base.startsWith('Detached ')) base = base.slice(9);
      const tag = DOM_TAG.exec(base);
      if (tag) base = `<${tag[1].toLowerCase()}>`;
      else if (base.startsWith('system / ')) {
        // "system / Context / scope @123": one class for all scopes, not one per scope.
        base = base.replace(SCOPE_SUFFIX, '');
      } else {
        // "Window / https://example.com" → "Window": the URL suffix would split one class per origin.
        const slash = base.indexOf(' / ');
        if (slash > 0) base = base.slice(0, slash);
      }
      return detached && (tag || isDomName(base)) ? `Detached ${base}` : base || '(anonymous object)';
    }
    case 'closure':
      return '(closure)';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'array':
      return name === '' ? '(array)' : name.startsWith('(') ? name : `(array) ${name}`;
    case 'code':
      return '(compiled code)';
    case 'hidden':
      return '(system)';
    case 'number':
      return '(number)';
    case 'regexp':
      return '(regexp)';
    case 'symbol':
      return '(symbol)';
    case 'bigint':
      return '(bigint)';
    case 'object shape':
      return '(object shape)';
    default:
      return name || `(${typeName})`;
  }
}

const KNOWN = new Set([
  'closure',
  'string',
  'concatenated string',
  'sliced string',
  'code',
  'hidden',
  'number',
  'regexp',
  'symbol',
  'bigint',
  'object shape',
]);

export function computeClassNames(g: HeapGraph, detachedness: Uint8Array): ClassNames {
  const { nodeType, nodeName, strings, nodeCount } = g;
  const L = g.layout;
  const classId = new Uint32Array(nodeCount);
  const names: string[] = [];
  const byName = new Map<string, number>();
  // Memo by (name string, type, detached): far fewer distinct keys than nodes.
  const memo = new Map<number, number>();
  const typeCount = L.nodeTypes.length;
  // Only these types take their class from the node name; for the others the type alone decides.
  const byNodeName = L.nodeTypes.map(
    (t) => ['object', 'native', 'array', 'synthetic'].includes(t) || !KNOWN.has(t),
  );
  for (let o = 0; o < nodeCount; o++) {
    const t = nodeType[o];
    const s = nodeName[o];
    const d = detachedness[o] === DETACHED ? 1 : 0;
    const key = byNodeName[t] ? (s * typeCount + t) * 2 + d : -1 - t;
    let id = memo.get(key);
    if (id === undefined) {
      const cls = classNameOf(L.nodeTypes[t], strings[s], d === 1);
      id = byName.get(cls);
      if (id === undefined) {
        id = names.length;
        names.push(cls);
        byName.set(cls, id);
      }
      memo.set(key, id);
    }
    classId[o] = id;
  }
  return { classId, names };
}
