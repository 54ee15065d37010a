import { expect, test } from 'vitest';
import { closureChains } from '../../../src/live/growth.ts';
import { RetainerTree } from '../../../src/live/tree.ts';
import type { Callsite } from '../../../src/live/types.ts';
import { ClosureChainRule } from '../../../src/suspects/rules/closure-chain.ts';
import { GlobalRule } from '../../../src/suspects/rules/global.ts';
import type { Claims } from '../../../src/suspects/types.ts';
import { emptyScan } from '../suspects/scan-fixture.ts';

const MiB = 1 << 20;
const at = (line: number): Callsite => ({
  kind: 'defined',
  url: null,
  scriptId: '7',
  line,
  column: 4,
  functionName: 'describe',
});

/**
 * window.current → describe() → (closure, scope of replaceCurrent) previous → Object → describe() → … `links` deep,
 * each Object with 1 MiB of its own; `moveAt` gives one link's function another definition site.
 */
function chainTree(links: number, opts: { moveAt?: number; shapeAt?: number } = {}): RetainerTree {
  const t = new RetainerTree();
  t.add(
    { id: 0, parent: -1, edge: 'current', kind: 'global' },
    { holder: 'window', edge: 'current', kind: 'global' },
  );
  t.setLabel(0, 'Object');
  t.addBytes(0, MiB);
  let id = 0;
  for (let i = 0; i < links; i++) {
    t.add({ id: id + 1, parent: id, edge: 'describe', kind: 'property' });
    t.setLabel(id + 1, 'describe()');
    t.setCallsite(id + 1, at(i === opts.moveAt ? 99 : 12));
    t.add({ id: id + 2, parent: id + 1, edge: 'previous', kind: 'closure-variable' });
    t.setScope(id + 2, 'Closure (replaceCurrent)');
    t.setLabel(id + 2, i === opts.shapeAt ? 'Widget' : 'Object');
    t.addBytes(id + 2, MiB);
    id += 2;
  }
  return t;
}

const claims = (): Claims => ({ detachedTrees: new Set(), globals: new Set() });

test('the replaceThing shape: one function definition, one link shape, the builder and the bytes it keeps', () => {
  const [c] = closureChains(chainTree(40));
  expect(c).toMatchObject({
    root: 'window.current',
    variable: 'previous',
    holder: 'describe()',
    length: 40,
    builder: 'replaceCurrent',
    sameFunction: true,
    linkShape: 'Object',
  });
  expect(c.bytes).toBe(41 * MiB);
  expect(closureChains(chainTree(40, { moveAt: 3 }))[0].sameFunction).toBe(false);
  expect(closureChains(chainTree(40, { shapeAt: 5 }))[0].linkShape).toBeNull();
});

test('one scan reports a 40-deep chain keeping 41 MiB as high, names variable, builder and method, and claims the global', () => {
  const growth = { documentId: 'd', collections: [], closureChains: closureChains(chainTree(40)) };
  const scan = emptyScan({
    growth,
    globals: [
      {
        name: 'current',
        declaration: 'var',
        valueType: 'object',
        description: 'Object',
        undeclaredAssignment: null,
        reach: { objects: 121, bytes: 41 * MiB },
      },
    ],
  });
  const claimed = claims();
  const [s] = new ClosureChainRule().apply(scan, claimed);
  expect(s.kind).toBe('closure-chain');
  expect(s.severity).toBe('high');
  expect(s.title).toBe(
    '`replaceCurrent()` builds a closure chain 40 deep from window.current: each new Object keeps the previous one through `previous` (≥ 41.0 MiB), because describe() shares its context with the closure that captures it',
  );
  expect(s.evidence).toMatchObject({ objects: 40, bytes: 41 * MiB });
  // The global rule does not report the same bytes again.
  expect(new GlobalRule().apply(scan, claimed)).toEqual([]);
});

test('not the shape: too short, links of different functions or shapes are left to the growth rule', () => {
  for (const tree of [chainTree(2), chainTree(40, { moveAt: 3 }), chainTree(40, { shapeAt: 5 })]) {
    const scan = emptyScan({
      growth: { documentId: 'd', collections: [], closureChains: closureChains(tree) },
    });
    expect(new ClosureChainRule().apply(scan, claims())).toEqual([]);
  }
  // A short chain of little data is still reported, low.
  const [small] = new ClosureChainRule().apply(
    emptyScan({ growth: { documentId: 'd', collections: [], closureChains: closureChains(chainTree(3)) } }),
    claims(),
  );
  expect(small.severity).toBe('low');
});
