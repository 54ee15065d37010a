import { describe, expect, test } from 'vitest';
import {
  type ChainObject,
  frameworkSuffix,
  frameworksFromExpandos,
  type ObjectView,
  type PageFrameworks,
  type ReadObject,
} from '../../../src/live/frameworks.ts';
import type { RemoteObjectLike } from '../../../src/live/labels.ts';

/** A synthetic page: objects as CDP describes them, their own data properties and internal slots. */
class FakePage {
  private readonly views = new Map<string, ObjectView>();
  private n = 0;
  readonly readIds: string[] = [];

  obj(
    desc: Partial<RemoteObjectLike>,
    own: Record<string, RemoteObjectLike> = {},
    internal: Record<string, RemoteObjectLike> = {},
  ): RemoteObjectLike {
    const objectId = `o${++this.n}`;
    this.views.set(objectId, {
      own: new Map(Object.entries(own)),
      internal: new Map(Object.entries(internal)),
    });
    return { type: 'object', ...desc, objectId };
  }

  /** As the session reader does: a Proxy gives its internal slots only. */
  read: ReadObject = async (o) => {
    this.readIds.push(o.objectId!);
    const v = this.views.get(o.objectId!);
    if (!v) return null;
    return o.subtype === 'proxy' ? { own: new Map(), internal: v.internal } : v;
  };
}

const str = (value: string): RemoteObjectLike => ({ type: 'string', value });
const num = (value: number): RemoteObjectLike => ({ type: 'number', value, description: String(value) });
const NONE: PageFrameworks = { react: false, preact: false };
const REACT: PageFrameworks = { react: true, preact: false };
const PLATFORM = new Set(['HTMLElement', 'HTMLDivElement', 'Object', 'Function']);
const NATIVE = 'function () { [native code] }';

const at = (
  object: RemoteObjectLike,
  edgeIn: string | null = null,
  edgeOut: string | null = null,
): ChainObject => ({
  object,
  edgeIn,
  edgeOut,
});

/** A fiber of `type` whose parent is `parent`, as React 18 builds them. */
function fiber(p: FakePage, type: RemoteObjectLike, parent: RemoteObjectLike | null): RemoteObjectLike {
  return p.obj(
    { className: 'FiberNode' },
    {
      tag: num(0),
      type,
      elementType: type,
      stateNode: { type: 'object', subtype: 'null', value: null },
      return: parent ?? { type: 'object', subtype: 'null', value: null },
      memoizedProps: p.obj({ className: 'Object' }),
    },
  );
}

describe('React', () => {
  test('a DOM node names the component that rendered it (fiber expando, up `return` to the first function type)', async () => {
    const p = new FakePage();
    const SalesChart = p.obj(
      { type: 'function', description: 'function SalesChart({ figures }) { … }' },
      { name: str('SalesChart') },
    );
    const component = fiber(p, SalesChart, null);
    const host = fiber(p, str('div'), component);
    const div = p.obj(
      { subtype: 'node', className: 'HTMLDivElement', description: 'div.sales-chart' },
      { __reactFiber$k2j: host },
    );
    expect(await frameworkSuffix(at(div), p.read, REACT, PLATFORM)).toBe(' in <SalesChart>');
  });

  test('displayName wins over the function name', async () => {
    const p = new FakePage();
    const fn = p.obj(
      { type: 'function', description: 'function t(e){…}' },
      { name: str('t'), displayName: str('Sales chart') },
    );
    const div = p.obj(
      { subtype: 'node', className: 'HTMLDivElement', description: 'div' },
      { __reactFiber$a: fiber(p, fn, null) },
    );
    expect(await frameworkSuffix(at(div), p.read, REACT, PLATFORM)).toBe(' in <Sales chart>');
  });

  test('a closure that holds a useState setter (dispatch bound to a fiber) is named after that fiber’s component', async () => {
    const p = new FakePage();
    const SalesChart = p.obj(
      { type: 'function', description: 'function SalesChart() {}' },
      { name: str('SalesChart') },
    );
    const args = p.obj(
      { subtype: 'array', className: 'Array', description: 'Array(2)' },
      { 0: fiber(p, SalesChart, null), 1: p.obj({}) },
    );
    const setWidth = p.obj(
      { type: 'function', description: NATIVE },
      { name: str('bound dispatchSetState') },
      { '[[BoundArgs]]': args },
    );
    const el = p.obj({ subtype: 'node', className: 'HTMLDivElement', description: 'div' });
    const scopes = p.obj(
      { subtype: 'internal#scopeList', description: 'Scopes[3]' },
      {
        0: p.obj({ subtype: 'internal#scope', description: 'Closure' }, { el }),
        1: p.obj({ subtype: 'internal#scope', description: 'Block' }, { setWidth }),
        2: p.obj({ subtype: 'internal#scope', description: 'Global' }),
      },
    );
    const onResize = p.obj(
      { type: 'function', description: 'function onResize() { setWidth(el.clientWidth); }' },
      {},
      { '[[Scopes]]': scopes },
    );
    expect(await frameworkSuffix(at(onResize, "'resize' listener", 'el'), p.read, REACT, PLATFORM)).toBe(
      ' in <SalesChart>',
    );
    // Without React on the page a closure is not searched for setters (no read at all).
    const q = new FakePage();
    const plain = q.obj({ type: 'function', description: 'function onResize() {}' });
    expect(await frameworkSuffix(at(plain), q.read, NONE, PLATFORM)).toBe('');
    expect(q.readIds).toEqual([]);
  });

  test('a closure without a setter is not named (nothing is guessed from the function’s name or position)', async () => {
    const p = new FakePage();
    const scopes = p.obj(
      { subtype: 'internal#scopeList' },
      {
        0: p.obj({ subtype: 'internal#scope', description: 'Closure' }, { el: p.obj({ subtype: 'node' }) }),
      },
    );
    const SalesChart = p.obj(
      { type: 'function', description: 'function SalesChart() {}' },
      {},
      { '[[Scopes]]': scopes },
    );
    expect(await frameworkSuffix(at(SalesChart), p.read, REACT, PLATFORM)).toBe('');
  });

  test('a fiber on the chain is labelled with its component; a host-fiber cycle stops after a bounded walk', async () => {
    const p = new FakePage();
    const Todo = p.obj(
      { type: 'function', description: 'function TodoItem() {}' },
      { name: str('TodoItem') },
    );
    expect(
      await frameworkSuffix(at(fiber(p, Todo, null), 'return', 'stateNode'), p.read, REACT, PLATFORM),
    ).toBe(' (React fiber of <TodoItem>)');
    const q = new FakePage();
    const loop = q.obj({ className: 'FiberNode' });
    // A fiber whose `return` is itself (a hostile page): a view for the same id every time.
    const self = fiber(q, str('div'), loop);
    (q as unknown as { views: Map<string, ObjectView> }).views.set(
      loop.objectId!,
      (q as unknown as { views: Map<string, ObjectView> }).views.get(self.objectId!)!,
    );
    expect(await frameworkSuffix(at(self, 'return', 'child'), q.read, REACT, PLATFORM)).toBe('');
    expect(q.readIds.length).toBeLessThanOrEqual(32);
  });
});

describe('Vue 3', () => {
  function vueInstance(p: FakePage, type: RemoteObjectLike): RemoteObjectLike {
    return p.obj(
      { className: 'Object' },
      { uid: num(3), vnode: p.obj({}), type, appContext: p.obj({}), subTree: p.obj({}) },
    );
  }

  test('a method bound to the component proxy names the component (read through [[Target]], never the proxy)', async () => {
    const p = new FakePage();
    const instance = vueInstance(p, p.obj({ className: 'Object' }, { name: str('SalesChart') }));
    const ctx = p.obj({ className: 'Object' }, { _: instance });
    const proxy = p.obj(
      { subtype: 'proxy', description: 'Proxy(Object)' },
      { trap: str('never read') },
      { '[[Target]]': ctx },
    );
    const onResize = p.obj(
      { type: 'function', description: NATIVE },
      { name: str('bound onResize') },
      { '[[BoundThis]]': proxy },
    );
    expect(
      await frameworkSuffix(at(onResize, "'resize' listener", 'bound this'), p.read, NONE, PLATFORM),
    ).toBe(' in <SalesChart>');
    expect(await frameworkSuffix(at(proxy, 'bound this', '[[Target]]'), p.read, NONE, PLATFORM)).toBe(
      ' (Vue component proxy <SalesChart>)',
    );
    expect(await frameworkSuffix(at(instance, '_', 'vnode'), p.read, NONE, PLATFORM)).toBe(
      ' (Vue component <SalesChart>)',
    );
  });

  test('an element names its component through __vueParentComponent; <script setup> components by __name', async () => {
    const p = new FakePage();
    const instance = vueInstance(p, p.obj({ className: 'Object' }, { __name: str('TodoItem') }));
    const li = p.obj(
      { subtype: 'node', className: 'HTMLLIElement', description: 'li' },
      { __vueParentComponent: instance },
    );
    expect(await frameworkSuffix(at(li), p.read, NONE, PLATFORM)).toBe(' in <TodoItem>');
  });

  test('an object that only looks a little like an instance is not named', async () => {
    const p = new FakePage();
    const notVue = p.obj(
      { className: 'Object' },
      { uid: str('x'), vnode: p.obj({}), type: p.obj({}, { name: str('No') }) },
    );
    expect(await frameworkSuffix(at(notVue, '_', 'vnode'), p.read, NONE, PLATFORM)).toBe('');
  });
});

describe('custom elements, Preact, Angular', () => {
  test('a custom element shows its class; a built-in element or an undefined custom element does not', async () => {
    const p = new FakePage();
    const badge = p.obj({ subtype: 'node', className: 'SalesBadge', description: 'sales-badge' });
    expect(await frameworkSuffix(at(badge), p.read, NONE, PLATFORM)).toBe(' (SalesBadge)');
    const undefinedEl = p.obj({ subtype: 'node', className: 'HTMLElement', description: 'x-later' });
    expect(await frameworkSuffix(at(undefinedEl), p.read, NONE, PLATFORM)).toBe('');
  });

  test('a Preact component instance is named by its vnode’s type', async () => {
    const p = new FakePage();
    const TodoItem = p.obj(
      { type: 'function', description: 'function TodoItem({ todo }) {}' },
      { name: str('TodoItem') },
    );
    const vnode = p.obj(
      { className: 'Object' },
      { type: TodoItem, props: p.obj({}), __e: p.obj({ subtype: 'node' }), __k: p.obj({ subtype: 'array' }) },
    );
    const component = p.obj({ className: 'x' }, { __v: vnode, props: p.obj({}), __H: p.obj({}) });
    expect(await frameworkSuffix(at(component, '__c', '__H'), p.read, NONE, PLATFORM)).toBe(
      ' (Preact component <TodoItem>)',
    );
  });

  test('a closure that holds a Preact hooks setter (a closure over its hook state, whose __c is the component) names it', async () => {
    const p = new FakePage();
    const SalesChart = p.obj(
      { type: 'function', description: 'function SalesChart({ figures }) {}' },
      { name: str('SalesChart') },
    );
    const vnode = p.obj(
      {},
      { type: SalesChart, props: p.obj({}), __e: { type: 'object', subtype: 'null', value: null } },
    );
    const component = p.obj({ className: 'x' }, { __v: vnode, props: p.obj({}), __H: p.obj({}) });
    const hookState = p.obj({ className: 'Object' }, { __c: component, __: p.obj({ subtype: 'array' }) });
    const setterScopes = p.obj(
      { subtype: 'internal#scopeList' },
      {
        0: p.obj({ subtype: 'internal#scope', description: 'Closure (_)' }, { f: hookState }),
      },
    );
    const setWidth = p.obj(
      { type: 'function', description: 'function(n){var t=(f.__N||f.__)[0]…}' },
      {},
      { '[[Scopes]]': setterScopes },
    );
    const scopes = p.obj(
      { subtype: 'internal#scopeList' },
      {
        0: p.obj({ subtype: 'internal#scope', description: 'Closure' }, { el: p.obj({ subtype: 'node' }) }),
        1: p.obj({ subtype: 'internal#scope', description: 'Block' }, { setWidth }),
      },
    );
    const onResize = p.obj(
      { type: 'function', description: 'function onResize() {}' },
      {},
      { '[[Scopes]]': scopes },
    );
    const PREACT: PageFrameworks = { react: false, preact: true };
    expect(await frameworkSuffix(at(onResize, "'resize' listener", 'el'), p.read, PREACT, PLATFORM)).toBe(
      ' in <SalesChart>',
    );
    // On a React page the same closure is not a Preact one: its non-native functions are not followed.
    expect(await frameworkSuffix(at(onResize, "'resize' listener", 'el'), p.read, REACT, PLATFORM)).toBe('');
  });

  test('Angular: an element’s __ngContext__ LView names its component class (slot 8); a numeric id names nothing', async () => {
    const p = new FakePage();
    const lview = p.obj(
      { subtype: 'array', className: 'Array', description: 'Array(40)' },
      { 8: p.obj({ className: 'TodoListComponent' }) },
    );
    const el = p.obj(
      { subtype: 'node', className: 'HTMLElement', description: 'app-todo-list' },
      { __ngContext__: lview },
    );
    expect(await frameworkSuffix(at(el), p.read, NONE, PLATFORM)).toBe(' in <TodoListComponent>');
    const el2 = p.obj(
      { subtype: 'node', className: 'HTMLDivElement', description: 'div' },
      { __ngContext__: num(12) },
    );
    expect(await frameworkSuffix(at(el2), p.read, NONE, PLATFORM)).toBe('');
  });
});

describe('bounds and page data', () => {
  test('plain objects, arrays and maps off framework edges are not read at all', async () => {
    const p = new FakePage();
    const cache = p.obj({ className: 'Object' }, { big: str('x') });
    const arr = p.obj({ subtype: 'array', className: 'Array', description: 'Array(100000)' });
    const map = p.obj({ subtype: 'map', className: 'Map', description: 'Map(5)' });
    for (const o of [at(cache, 'cache', 'rows'), at(arr, 'vnode', '0'), at(map, '_', 'x')])
      expect(await frameworkSuffix(o, p.read, REACT, PLATFORM)).toBe('');
    expect(p.readIds).toEqual([]);
  });

  test('a component name is one bounded line of text', async () => {
    const p = new FakePage();
    const instance = p.obj(
      { className: 'Object' },
      {
        uid: num(1),
        vnode: p.obj({}),
        appContext: p.obj({}),
        type: p.obj({}, { name: str(`Evil\n<img src=x onerror=alert(1)>${'x'.repeat(100)}`) }),
      },
    );
    const suffix = await frameworkSuffix(at(instance, '_', 'vnode'), p.read, NONE, PLATFORM);
    expect(suffix).not.toContain('\n');
    expect(suffix.length).toBeLessThan(90);
    expect(suffix).toMatch(/^ \(Vue component <Evil <img src=x onerror=alert\(1\)>x+…>\)$/);
  });

  test('which frameworks the page shows, from its element expandos', () => {
    expect(frameworksFromExpandos(['__reactContainer$3vx', '_reactListening4s'])).toEqual({
      react: true,
      preact: false,
    });
    expect(frameworksFromExpandos(['__k'])).toEqual({ react: false, preact: true });
    expect(frameworksFromExpandos(['__vue_app__', '_vnode', 'cache'])).toEqual({
      react: false,
      preact: false,
    });
  });
});
