/**
 * The DOM natives a page function calls, captured once from the built-in prototypes through the scan state's
 * `Reflect.getOwnPropertyDescriptor` and verified over CDP to be the genuine natives before any use: a page that
 * replaced `naturalWidth` or `getAttributeNames` gets its function skipped, never called.
 */
import { pageFunction } from './page-code.ts';
import type { PageSession } from './session.ts';

/** [owner, property, how]: owner is an interface whose prototype holds it, or 'window' / 'String' itself. */
export type NativeSpec = readonly [owner: string, property: string, how: 'get' | 'value'];

/** The description V8 gives the genuine native (not the page's `toString`): what the verification compares. */
export function nativeDescription([, prop, how]: NativeSpec): string {
  return `function ${how === 'get' ? `get ${prop}` : prop}() { [native code] }`;
}

/** What CAPTURE_NATIVES uses of the scan's private state (page-functions.ts), `S.builtins` by index. */
interface NativesPageState {
  builtins: {
    1: typeof Reflect.getOwnPropertyDescriptor;
    2: typeof Reflect.apply;
    4: typeof Object.hasOwn;
  };
  list<T = unknown>(): T[];
  [slot: string]: unknown;
}

/**
 * (win, table, slot) → the natives of `table`, in order (undefined where missing), also kept as `this[slot]` for the
 * page functions that call them. The table comes as an argument (a JSON value): the page reads the very list the
 * verification compares against.
 */
const CAPTURE_NATIVES = pageFunction(function (
  this: NativesPageState,
  win: object,
  table: readonly NativeSpec[],
  slot: string,
) {
  const gopd = this.builtins[1],
    apply = this.builtins[2],
    hasOwn = this.builtins[4];
  const H = {
    __proto__: null,
    desc(o: unknown, k: string): PropertyDescriptor | undefined {
      if (o === null || (typeof o !== 'object' && typeof o !== 'function')) return undefined;
      try {
        return gopd(o, k);
      } catch {
        return undefined;
      }
    },
    data(o: unknown, k: string): unknown {
      const d = H.desc(o, k);
      return d && apply(hasOwn, null, [d, 'value']) ? d.value : undefined;
    },
  };
  const out = this.list<unknown>();
  for (let i = 0; i < table.length; i++) {
    const owner = table[i][0],
      prop = table[i][1],
      how = table[i][2];
    const o = owner === 'window' ? win : H.data(H.data(win, owner), 'prototype');
    const d = H.desc(o, prop);
    const isData = d !== undefined && apply(hasOwn, null, [d, 'value']);
    out[i] =
      d === undefined
        ? undefined
        : how === 'get'
          ? isData
            ? undefined
            : d.get
          : isData
            ? d.value
            : undefined;
  }
  this[slot] = out;
  return out;
});

/**
 * Captures `table`'s natives into the state's `slot` and checks each over CDP; returns the first one that is not the
 * genuine native (the page replaced it, or it is missing), or null when all are.
 */
export async function captureNatives(
  s: PageSession,
  stateId: string,
  windowId: string,
  table: readonly NativeSpec[],
  slot: string,
): Promise<NativeSpec | null> {
  const arr = await s.call(stateId, CAPTURE_NATIVES, [
    { objectId: windowId },
    { value: table },
    { value: slot },
  ]);
  const props = await s.properties(arr.objectId!);
  for (let i = 0; i < table.length; i++) {
    const v = props.result.find((p) => p.name === String(i))?.value;
    if (v?.type !== 'function' || v.subtype === 'proxy' || v.description !== nativeDescription(table[i]))
      return table[i];
  }
  return null;
}
