import { describe, expect, test } from 'vitest';
import { DetachedDomRule, GlobalRule, ListenerRule, TimerRule } from '../../../src/suspects/rules/index.ts';
import type { Claims } from '../../../src/suspects/types.ts';
import { emptyScan, global, listener, resizeChain, timer, tree } from './scan-fixture.ts';

const claims = (): Claims => ({ detachedTrees: new Set(), globals: new Set() });
const MB = 1 << 20;

describe('listener rule', () => {
  test('a listener whose closure keeps a detached tree', () => {
    const scan = emptyScan({ detached: [tree(0, '<section class="dialog">', 43, resizeChain(0))] });
    const c = claims();
    const [s] = new ListenerRule().apply(scan, c);
    expect(s.kind).toBe('listener');
    expect(s.severity).toBe('medium');
    expect(s.title).toContain("'resize' listener on window");
    expect(s.title).toContain('43 nodes');
    expect(s.fix).toMatch(/removeEventListener|AbortController/);
    expect(c.detachedTrees.has(0)).toBe(true);
  });

  test('listeners left on nodes of a removed tree', () => {
    const scan = emptyScan({
      detached: [tree(0, '<section class="dialog">', 43, null, 'budget')],
      listeners: [
        listener({ attached: false, detachedTree: 0 }),
        listener({ type: 'keydown', attached: false, detachedTree: 0 }),
        listener(),
      ],
    });
    const out = new ListenerRule().apply(scan, claims());
    expect(out).toHaveLength(1);
    expect(out[0].severity).toBe('low');
    expect(out[0].title).toMatch(/2 listeners \('click', 'keydown'\) still registered on a removed <section/);
  });

  test('listeners on a removed tree nothing in the page reaches are info that says Leakscope cannot tell', () => {
    // A listener dies with its node: with no chain to the node the page may not keep it (DevTools' DOM agent does).
    const scan = emptyScan({
      detached: [tree(0, '<li class="completed">', 10, null)],
      listeners: [listener({ attached: false, detachedTree: 0 })],
    });
    const [s] = new ListenerRule().apply(scan, claims());
    expect(s.severity).toBe('info');
    expect(s.evidence.detail).toMatch(/cannot tell who holds it/);
    expect(s.fix).toMatch(/heap snapshot with DevTools closed/);
  });

  test('ignores trees held by globals and attached listeners', () => {
    const chain = [{ holder: 'window', edge: 'cache', edgeKind: 'global' as const, object: '<div>' }];
    expect(
      new ListenerRule().apply(
        emptyScan({ detached: [tree(0, '<div>', 5, chain)], listeners: [listener()] }),
        claims(),
      ),
    ).toEqual([]);
  });
});

describe('timer rule', () => {
  const chain = [
    {
      holder: 'setInterval #12 (2000 ms)',
      edge: 'callback',
      edgeKind: 'timer' as const,
      object: 'bound tick()',
    },
    { holder: 'bound tick()', edge: 'bound this', edgeKind: 'bound' as const, object: 'Ticker' },
    { holder: 'Ticker', edge: 'el', edgeKind: 'property' as const, object: '<span class="ticker">' },
  ];
  test('a live interval keeping a detached node is at least medium', () => {
    const [s] = new TimerRule().apply(
      emptyScan({ detached: [tree(0, '<span class="ticker">', 2, chain)] }),
      claims(),
    );
    expect(s.kind).toBe('timer');
    expect(s.severity).toBe('medium');
    expect(s.title).toContain('setInterval #12 (2000 ms)');
  });
  test('an interval reaching large data', () => {
    const out = new TimerRule().apply(
      emptyScan({ timers: [timer({ reach: { objects: 1e5, bytes: 20 * MB } })] }),
      claims(),
    );
    expect(out[0].severity).toBe('medium');
    expect(out[0].title).toContain('20.0 MiB');
  });
  test('small intervals and timeouts are not suspects', () => {
    const out = new TimerRule().apply(
      emptyScan({ timers: [timer(), timer({ kind: 'setTimeout', reach: { objects: 1, bytes: 50 * MB } })] }),
      claims(),
    );
    expect(out).toEqual([]);
  });
});

describe('detached-dom rule', () => {
  const lexical = [
    { holder: 'script', edge: 'const cellIndex', edgeKind: 'lexical' as const, object: 'Map(1)' },
    { holder: 'Map(1)', edge: "'grand-total'", edgeKind: 'map-entry' as const, object: '<td class="total">' },
  ];
  test('a big tree held from a script const is high', () => {
    const [s] = new DetachedDomRule().apply(
      emptyScan({ detached: [tree(0, '<table id="report-table">', 1201, lexical)] }),
      claims(),
    );
    expect(s.severity).toBe('high');
    expect(s.title).toBe(
      'Removed <table id="report-table"> (1,201 nodes) is still referenced from script const cellIndex',
    );
  });
  test('trees a more specific rule claimed are skipped', () => {
    const c = claims();
    c.detachedTrees.add(0);
    expect(
      new DetachedDomRule().apply(emptyScan({ detached: [tree(0, '<table>', 1201, lexical)] }), c),
    ).toEqual([]);
  });
  test('a lone node kept directly in a variable is only info', () => {
    const chain = [
      { holder: 'script', edge: 'const measurer', edgeKind: 'lexical' as const, object: '<span>' },
    ];
    expect(
      new DetachedDomRule().apply(emptyScan({ detached: [tree(0, '<span>', 1, chain)] }), claims())[0]
        .severity,
    ).toBe('info');
  });
  test('says honestly when no chain was found, and why', () => {
    const out = new DetachedDomRule().apply(
      emptyScan({ detached: [tree(0, '<div>', 30, null, 'budget'), tree(1, '<p>', 3, null, 'unreachable')] }),
      claims(),
    );
    expect(out[0].title).toContain('ran out of budget');
    expect(out[0].chain).toBeNull();
    expect(out[1].title).toContain('no chain');
  });
  test('a tree no searched root reaches is not called the page’s leak, and no cause is guessed', () => {
    const [s] = new DetachedDomRule().apply(
      emptyScan({ detached: [tree(0, '<li>', 10, null, 'unreachable')] }),
      claims(),
    );
    expect(s.severity).toBe('info');
    expect(s.title).toBe(
      'Detached <li> (10 nodes) is alive, but no chain from the page’s JavaScript that Leakscope can search leads to it',
    );
    expect(s.evidence.detail).toMatch(/cannot tell who holds it.*DevTools itself keeps removed elements/);
    expect(`${s.title} ${s.evidence.detail}`).not.toMatch(
      /may be held by .* arrow function’s `this` or a promise/,
    );
    expect(s.fix).toMatch(/heap snapshot with DevTools closed/);
  });
  test('a big tree the search had no budget left for is still ranked', () => {
    const [s] = new DetachedDomRule().apply(
      emptyScan({ detached: [tree(0, '<table>', 300, null, 'budget')] }),
      claims(),
    );
    expect(s.severity).toBe('medium');
  });
});

describe('global rule', () => {
  const at = {
    kind: 'assigned' as const,
    url: 'https://app.test/',
    scriptId: '7',
    line: 12,
    column: 4,
    functionName: 'search',
  };
  const accidental = { declaration: 'assigned', undeclaredAssignment: { at } } as const;
  test('a global the source assigns undeclared is accidental, with where it is assigned', () => {
    const [s] = new GlobalRule().apply(
      emptyScan({ globals: [global('lastQuery', { ...accidental, valueType: 'string' })] }),
      claims(),
    );
    expect(s.severity).toBe('low');
    expect(s.title).toBe('Accidental global `lastQuery`: assigned in search() but never declared');
    expect(s.callsite).toEqual(at);
    expect(s.chain?.[0]).toMatchObject({ holder: 'window', edge: 'lastQuery', edgeKind: 'global' });
  });
  test('an accidental global holding megabytes is medium', () => {
    const g = global('resultCache', {
      ...accidental,
      valueType: 'array',
      reach: { objects: 20001, bytes: 2 * MB },
    });
    expect(new GlobalRule().apply(emptyScan({ globals: [g] }), claims())[0].severity).toBe('medium');
  });
  test('declared globals, library exports (assigned with no undeclared write in the source) and functions are not accidental', () => {
    const out = new GlobalRule().apply(
      emptyScan({
        globals: [
          global('app'),
          global('config', { declaration: 'lexical' }),
          global('React', { declaration: 'assigned' }),
          global('helper', { ...accidental, valueType: 'function' }),
        ],
      }),
      claims(),
    );
    expect(out).toEqual([]);
  });
  test('a library export holding its module state is info at most until it is large', () => {
    const exp = (bytes: number) =>
      new GlobalRule().apply(
        emptyScan({
          globals: [global('ReactDOM', { declaration: 'assigned', reach: { objects: 900, bytes } })],
        }),
        claims(),
      );
    expect(exp(600_000)).toEqual([]);
    expect(exp(2 * MB).map((s) => [s.severity, s.title.startsWith('Global `ReactDOM` keeps')])).toEqual([
      ['info', true],
    ]);
  });
  test('a declared global holding a lot of data', () => {
    const out = new GlobalRule().apply(
      emptyScan({ globals: [global('theThing', { reach: { objects: 9, bytes: 80 * MB } })] }),
      claims(),
    );
    // 80 MiB kept by anything is high (the retained-size table).
    expect(out[0].severity).toBe('high');
    expect(out[0].title).toContain('80.0 MiB');
    const small = new GlobalRule().apply(
      emptyScan({ globals: [global('rows', { reach: { objects: 9, bytes: 2 * MB } })] }),
      claims(),
    );
    expect(small[0].severity).toBe('info');
  });
});
