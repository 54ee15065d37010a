/** Global roots: the window's own properties the page added, and top-level `let`/`const`/`class` bindings. */

import { labelOf, type RemoteObjectLike } from '../labels.ts';
import { GLOBAL_DESCRIPTORS, lexicalValuesFunction, PAGE_FN } from '../page-functions.ts';
import type { PageSession } from '../session.ts';
import type { GlobalInfo } from '../types.ts';
import { EMPTY_REACH, type FoundRoot, holderValues, valueType } from './found.ts';

/** The window's own properties that a pristine global of the same kind lacks: what the page added. */
export async function pageGlobals(
  s: PageSession,
  stateId: string,
  windowId: string,
  pristine: ReadonlySet<string>,
): Promise<FoundRoot<GlobalInfo>[]> {
  const flat = (await s.call(stateId, GLOBAL_DESCRIPTORS, [{ objectId: windowId }], { byValue: true }))
    .value as Array<string | boolean>;
  const names: string[] = [];
  const configurable = new Map<string, boolean>();
  for (let i = 0; i < flat.length; i += 4) {
    const name = flat[i] as string;
    if (pristine.has(name)) continue;
    names.push(name);
    configurable.set(name, flat[i + 1] as boolean);
  }
  if (names.length === 0) return [];
  const holder = await s.call(stateId, PAGE_FN.globalValues, [{ objectId: windowId }, { value: names }]);
  const values = await holderValues(s, holder.objectId!);
  return globalRoots(names, values, (name) => (configurable.get(name) ? 'assigned' : 'var'));
}

/** Top-level `let`/`const`/`class` bindings of the page's classic scripts. */
export async function lexicalGlobals(s: PageSession, stateId: string): Promise<FoundRoot<GlobalInfo>[]> {
  const { names } = await s.send<{ names: string[] }>('Runtime.globalLexicalScopeNames');
  if (names.length === 0) return [];
  const holder = await s.call(stateId, lexicalValuesFunction(names));
  const values = await holderValues(s, holder.objectId!);
  return globalRoots(names, values, () => 'lexical');
}

/** The named globals that have a value, as roots. */
function globalRoots(
  names: string[],
  values: Map<string, RemoteObjectLike>,
  declarationOf: (name: string) => GlobalInfo['declaration'],
): FoundRoot<GlobalInfo>[] {
  return names
    .filter((n) => values.has(n))
    .map((name) => {
      const v = values.get(name)!;
      return {
        info: {
          name,
          declaration: declarationOf(name),
          undeclaredAssignment: null,
          valueType: valueType(v),
          description: labelOf(v),
          reach: EMPTY_REACH,
        },
        objectId: v.objectId ?? null,
      };
    });
}
