// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { toJson } from '../../../content-script/hook/json.ts';

/** The hook's serializer must not consult prototypes a page may have changed after the hook started. */

afterEach(() => {
  delete (Object.prototype as { toJSON?: unknown }).toJSON;
  delete (Array.prototype as { toJSON?: unknown }).toJSON;
});

const sample = {
  kind: 'batch',
  n: 1.5,
  neg: -3,
  yes: true,
  no: false,
  nothing: null,
  text: 'a "quoted" \\ line\nnext </script><img src=x onerror=alert(1)>',
  list: [1, 'two', { three: [3] }, []],
  nested: { empty: {} },
};

test('same text as JSON.stringify for plain data', () => {
  expect(toJson(sample)).toBe(JSON.stringify(sample));
  expect(JSON.parse(toJson(sample))).toEqual(sample);
});

test('non-finite numbers become null and undefined members are left out, like JSON', () => {
  const x = { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: undefined, d: [undefined] };
  expect(toJson(x)).toBe(JSON.stringify(x));
});

test('a page-defined Object.prototype.toJSON / Array.prototype.toJSON is never called', () => {
  let called = 0;
  Object.defineProperty(Object.prototype, 'toJSON', {
    value() {
      called++;
      return 'stolen';
    },
    configurable: true,
    writable: true,
  });
  Object.defineProperty(Array.prototype, 'toJSON', {
    value() {
      called++;
      return 'stolen';
    },
    configurable: true,
    writable: true,
  });
  const text = toJson(sample);
  expect(called).toBe(0);
  expect(text).not.toContain('stolen');
});
