/** What every kind of root shares: the found root, how a holder object's values are read, the page state's shape. */
import type { RemoteObjectLike } from '../labels.ts';
import type { PageSession } from '../session.ts';

/** A root value found on the page with what we know about it. */
export interface FoundRoot<T> {
  info: T;
  objectId: string | null;
  /** CDP's description of the root object (for functions: their source). */
  source?: string;
}

export const EMPTY_REACH = { objects: 0, bytes: 0 };

export function valueType(o: RemoteObjectLike): string {
  return o.subtype && o.subtype !== 'null' ? o.subtype : o.type;
}

/** Values of a holder object's own data properties, by name. */
export async function holderValues(s: PageSession, holderId: string): Promise<Map<string, RemoteObjectLike>> {
  const props = await s.properties(holderId);
  return new Map(props.result.filter((p) => p.value).map((p) => [p.name, p.value!]));
}

/** What the page functions here use of the scan's private state (page-functions.ts), `S.builtins` by index. */
export interface RootsPageState {
  builtins: {
    0: typeof Reflect.ownKeys;
    1: typeof Reflect.getOwnPropertyDescriptor;
    2: typeof Reflect.apply;
    4: typeof Object.hasOwn;
  };
  /** captureNatives' answer for EXPANDO_NATIVES (page-natives.ts), verified genuine before EXPANDOS runs. */
  expandoNatives: Record<number, ((...args: never[]) => unknown) | undefined>;
}
