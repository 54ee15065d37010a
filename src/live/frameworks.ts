/**
 * Framework knowledge for retainer chains: small recognisers that name the component behind an object on a chain
 * (React fibers, Vue 3 instances, Preact components, Angular `__ngContext__`, custom element classes).
 *
 * They read only what CDP describes (`Runtime.getProperties`: own *data* properties and internal slots), through a
 * `ReadObject` the caller bounds: no getter, no Proxy trap, no page code runs. They name only what the page's own
 * structures say; a component the page no longer links to is not guessed.
 */
import { functionName, type RemoteObjectLike } from './labels.ts';

/** What a recogniser may see of one page object. */
export interface ObjectView {
  /** Own data properties (accessors are left out: they are never called). */
  own: ReadonlyMap<string, RemoteObjectLike>;
  /** Internal slots (`[[Target]]`, `[[BoundThis]]`, `[[Scopes]]`, …). */
  internal: ReadonlyMap<string, RemoteObjectLike>;
}

/** Reads one object (null: not readable, or the caller's budget is spent). */
export type ReadObject = (o: RemoteObjectLike) => Promise<ObjectView | null>;

/** Frameworks whose marks the page's elements carry (their own expando names). */
export interface PageFrameworks {
  react: boolean;
  preact: boolean;
}

/** React marks its root container (`__reactContainer$…`) and rendered elements; Preact 10/11 its container (`__k`). */
export function frameworksFromExpandos(keys: Iterable<string>): PageFrameworks {
  const out = { react: false, preact: false };
  for (const k of keys) {
    if (/^(__reactContainer\$|__reactFiber\$|_reactRootContainer$)/.test(k)) out.react = true;
    if (k === '__k') out.preact = true;
  }
  return out;
}

/** Longest component name shown (page data). */
const MAX_NAME = 60;
/** Fibers walked up (`return`) from a host fiber to its component. */
const MAX_FIBER_HOPS = 30;

/** A page string as a component name: one line, bounded; null when empty (bidi controls: see src/page-text.ts). */
function cleanName(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s.length > MAX_NAME ? `${s.slice(0, MAX_NAME - 1)}…` : s;
}

const stringOf = (o: RemoteObjectLike | undefined): string | null =>
  o?.type === 'string' ? cleanName(o.value) : null;

const isObject = (o: RemoteObjectLike | undefined): o is RemoteObjectLike =>
  !!o && (o.type === 'object' || o.type === 'function') && o.subtype !== 'null' && !!o.objectId;

/**
 * A component type's name: a function or class (its `displayName`, else its `name`, else the name in its source) or
 * a Vue options object (`name`, else `__name`, which `<script setup>` compiles in).
 */
export async function componentTypeName(
  type: RemoteObjectLike | undefined,
  read: ReadObject,
): Promise<string | null> {
  if (!isObject(type) || type.subtype === 'proxy') return null;
  const view = await read(type);
  if (type.type === 'function') {
    const display = stringOf(view?.own.get('displayName'));
    if (display) return display;
    const name = functionName(type.description, stringOf(view?.own.get('name')) ?? '');
    return name === '(anonymous)' ? null : cleanName(name);
  }
  if (!view) return null;
  return stringOf(view.own.get('name')) ?? stringOf(view.own.get('__name'));
}

const has = (v: ObjectView, ...keys: string[]) => keys.every((k) => v.own.has(k));

/** A React fiber: `tag`, `stateNode`, `return`, `memoizedProps` (React 16–19). */
export function isReactFiber(v: ObjectView): boolean {
  return v.own.get('tag')?.type === 'number' && has(v, 'stateNode', 'return', 'memoizedProps', 'elementType');
}

/** The nearest component (function or class fiber) at or above `fiber`, walking `return`. */
export async function reactComponentOfFiber(
  fiber: RemoteObjectLike,
  read: ReadObject,
): Promise<string | null> {
  let f: RemoteObjectLike | undefined = fiber;
  for (let hops = 0; hops < MAX_FIBER_HOPS && isObject(f); hops++) {
    const v = await read(f);
    if (!v || !isReactFiber(v)) return null;
    const type = v.own.get('type');
    if (type?.type === 'function') {
      const name = await componentTypeName(type, read);
      if (name) return name;
    }
    f = v.own.get('return');
  }
  return null;
}

/** A DOM node's fiber expando (`__reactFiber$<random>`); React deletes it when the node is unmounted. */
export function reactFiberOfNode(v: ObjectView): RemoteObjectLike | null {
  for (const [k, val] of v.own) if (k.startsWith('__reactFiber$') && isObject(val)) return val;
  return null;
}

/** A Vue 3 component internal instance: `uid`, `vnode`, `type`, `appContext`. */
export function isVueInstance(v: ObjectView): boolean {
  return v.own.get('uid')?.type === 'number' && has(v, 'vnode', 'type', 'appContext');
}

async function vueName(instance: RemoteObjectLike, read: ReadObject): Promise<string | null> {
  const v = await read(instance);
  return v && isVueInstance(v) ? componentTypeName(v.own.get('type'), read) : null;
}

/**
 * A Vue component's public proxy (`this` in options-API methods, what Vue binds methods to): a Proxy whose
 * `[[Target]]` is the render context `{ _: instance }`. Read through CDP's `[[Target]]` slot, never the proxy.
 */
export async function vueComponentOfProxy(proxy: ObjectView, read: ReadObject): Promise<string | null> {
  const target = proxy.internal.get('[[Target]]');
  if (!isObject(target)) return null;
  const ctx = await read(target);
  const instance = ctx?.own.get('_');
  return isObject(instance) ? vueName(instance, read) : null;
}

/** A Preact component instance: its vnode (`__v`) and hooks (`__H`) or parent DOM (`__P`); named by the vnode's type. */
export async function preactComponentName(v: ObjectView, read: ReadObject): Promise<string | null> {
  const vnode = v.own.get('__v');
  if (!isObject(vnode) || !has(v, 'props') || !(v.own.has('__H') || v.own.has('__P'))) return null;
  const vv = await read(vnode);
  return vv && has(vv, 'type', 'props', '__e') ? componentTypeName(vv.own.get('type'), read) : null;
}

/** Scopes of a closure looked at, and functions per scope tried as state setters. */
const MAX_SCOPES = 4;
const MAX_SETTERS = 6;

/**
 * The component whose state a closure uses. V8 names a function's scope `Closure (name)`, but an effect arrow is
 * anonymous and a component with destructured parameters keeps its `const`s in an unnamed `Block`: the scope list
 * does not say which component created a closure. Its state setters do:
 * - React: a `useState`/`useReducer` setter is `dispatch.bind(null, fiber, queue)`, and React keeps that fiber's
 *   `type` after unmount;
 * - Preact: a setter is a closure over its hook state, whose `__c` is the component instance.
 * So a closure holding a setter (`setWidth` in an effect's listener) names the component that owns that state — the
 * one it was created in, unless the setter was passed down as a prop.
 */
export async function componentOfClosure(
  fn: ObjectView,
  read: ReadObject,
  page: PageFrameworks,
): Promise<string | null> {
  const vars = scopeVariables(fn, read);
  let tried = 0;
  for await (const v of vars) {
    if (v.type !== 'function' || !isObject(v)) continue;
    const native = (v.description ?? '').endsWith('[native code] }');
    if (native ? !page.react : !page.preact) continue;
    if (tried++ >= MAX_SETTERS) return null;
    const view = await read(v);
    if (!view) return null;
    const name = native ? await reactSetterComponent(view, read) : await preactSetterComponent(view, read);
    if (name) return name;
  }
  return null;
}

/** The values of a closure's first scopes (`Closure`, `Block`, `Local`; never `Script` or `Global`). */
async function* scopeVariables(fn: ObjectView, read: ReadObject, maxScopes = MAX_SCOPES) {
  const scopes = fn.internal.get('[[Scopes]]');
  if (!isObject(scopes)) return;
  const list = await read(scopes);
  if (!list) return;
  for (let i = 0; i < maxScopes && list.own.has(String(i)); i++) {
    const scope = list.own.get(String(i));
    if (!isObject(scope) || !/^(Closure|Block|Local)/.test(scope.description ?? '')) continue;
    const vars = await read(scope);
    yield* vars?.own.values() ?? [];
  }
}

async function reactSetterComponent(bound: ObjectView, read: ReadObject): Promise<string | null> {
  const args = bound.internal.get('[[BoundArgs]]');
  if (!isObject(args)) return null;
  const first = (await read(args))?.own.get('0');
  return isObject(first) ? reactComponentOfFiber(first, read) : null;
}

async function preactSetterComponent(setter: ObjectView, read: ReadObject): Promise<string | null> {
  for await (const v of scopeVariables(setter, read, 1)) {
    if (!isObject(v) || v.type !== 'object' || v.subtype) continue;
    const component = (await read(v))?.own.get('__c');
    if (!isObject(component)) continue;
    const cv = await read(component);
    return cv ? preactComponentName(cv, read) : null;
  }
  return null;
}

/** A React class component instance (`_reactInternals` is its fiber): named by that fiber's type. */
export async function reactClassComponent(v: ObjectView, read: ReadObject): Promise<string | null> {
  const fiber = v.own.get('_reactInternals');
  return isObject(fiber) ? reactComponentOfFiber(fiber, read) : null;
}

/** Angular (Ivy): an element's `__ngContext__` is its LView (an array); slot 8 (CONTEXT) is the component. */
export async function angularComponentOfNode(v: ObjectView, read: ReadObject): Promise<string | null> {
  const lview = v.own.get('__ngContext__');
  if (!isObject(lview) || lview.subtype !== 'array') return null;
  const lv = await read(lview);
  const ctx = lv?.own.get('8');
  if (!isObject(ctx) || ctx.type !== 'object') return null;
  const cls = ctx.className ?? '';
  return cls && cls !== 'Object' ? cleanName(cls) : null;
}

/** A custom element's class, from CDP's className (`SalesBadge` for `<sales-badge>`); null for built-in elements. */
export function customElementClass(o: RemoteObjectLike, platformNames: ReadonlySet<string>): string | null {
  if (o.subtype !== 'node' || !(o.description ?? '').includes('-')) return null;
  const cls = o.className ?? '';
  return cls && !platformNames.has(cls) ? cleanName(cls) : null;
}

/** Edge names that framework internals use: a plain object is read only when the chain enters or leaves it by one. */
const FRAMEWORK_EDGES = new Set([
  // React fibers
  'return',
  'child',
  'sibling',
  'alternate',
  'stateNode',
  'memoizedProps',
  'memoizedState',
  'updateQueue',
  'pendingProps',
  'type',
  'elementType',
  // Vue 3 instances and vnodes
  '_',
  'vnode',
  'subTree',
  'ctx',
  'proxy',
  'parent',
  'el',
  'component',
  'setupState',
  'props',
  'refs',
  // Preact (mangled field names of its production build)
  '__v',
  '__c',
  '__e',
  '__k',
  '__P',
  '__H',
  '__',
]);

export const isFrameworkEdge = (edge: string | null): boolean =>
  edge !== null &&
  (FRAMEWORK_EDGES.has(edge) ||
    /^(__reactFiber\$|__reactProps\$|__vueParentComponent$|__ngContext__$)/.test(edge));

/** One object on a chain, with the edges by which the chain enters and leaves it. */
export interface ChainObject {
  object: RemoteObjectLike;
  edgeIn: string | null;
  edgeOut: string | null;
}

/** Whether naming this object is worth a read (bounds the pass: big plain objects on a chain are not read). */
export function worthReading(c: ChainObject, page: PageFrameworks): boolean {
  const o = c.object;
  if (!isObject(o)) return false;
  if (o.subtype === 'node' || o.subtype === 'proxy') return true;
  if (o.type === 'function')
    return page.react || page.preact || (o.description ?? '').endsWith('[native code] }');
  if (o.subtype) return false; // arrays, maps, sets, binary data…
  return isFrameworkEdge(c.edgeIn) || isFrameworkEdge(c.edgeOut);
}

/**
 * What the chain label of `c` gains: ` in <SalesChart>` for a DOM node or closure that belongs to a component,
 * ` (SalesBadge)` for a custom element, ` (Vue component <SalesChart>)` for a framework's own record of one.
 */
export async function frameworkSuffix(
  c: ChainObject,
  read: ReadObject,
  page: PageFrameworks,
  platformNames: ReadonlySet<string>,
): Promise<string> {
  const o = c.object;
  if (!worthReading(c, page)) return '';
  const cls = customElementClass(o, platformNames);
  const v = await read(o);
  if (!v) return cls ? ` (${cls})` : '';
  if (o.subtype === 'node') {
    const fiber = reactFiberOfNode(v);
    const owner =
      (fiber ? await reactComponentOfFiber(fiber, read) : null) ??
      (isObject(v.own.get('__vueParentComponent'))
        ? await vueName(v.own.get('__vueParentComponent')!, read)
        : null) ??
      (await angularComponentOfNode(v, read));
    return `${cls ? ` (${cls})` : ''}${owner ? ` in <${owner}>` : ''}`;
  }
  if (o.subtype === 'proxy') {
    const name = await vueComponentOfProxy(v, read);
    return name ? ` (Vue component proxy <${name}>)` : '';
  }
  if (o.type === 'function') {
    // A bound method: Vue binds options-API methods to the component's proxy; React class components bind by hand.
    const self = v.internal.get('[[BoundThis]]');
    if (isObject(self)) {
      const sv = await read(self);
      const name = !sv
        ? null
        : self.subtype === 'proxy'
          ? await vueComponentOfProxy(sv, read)
          : page.react
            ? await reactClassComponent(sv, read)
            : null;
      if (name) return ` in <${name}>`;
    }
    if (page.react || page.preact) {
      const name = await componentOfClosure(v, read, page);
      if (name) return ` in <${name}>`;
    }
    return '';
  }
  if (isVueInstance(v)) {
    const name = await componentTypeName(v.own.get('type'), read);
    return name ? ` (Vue component <${name}>)` : '';
  }
  if (isReactFiber(v)) {
    const name = await reactComponentOfFiber(o, read);
    return name ? ` (React fiber of <${name}>)` : '';
  }
  const preact = await preactComponentName(v, read);
  return preact ? ` (Preact component <${preact}>)` : '';
}
