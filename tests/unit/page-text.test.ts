import { expect, test } from 'vitest';
import { clampPageText } from '../../src/page-text.ts';
import { clampString as protocolClamp } from '../../src/protocol/validate.ts';
import { clampString as reportClamp } from '../../src/report/model.ts';
import { suspectText } from '../../src/suspects/index.ts';

test('page text cut to its limit says so with an ellipsis, in the protocol, the suspects and the reports alike', () => {
  const long = 'a'.repeat(2000);
  for (const clamp of [
    (s: string) => clampPageText(s, 1000),
    (s: string) => reportClamp(s, 1000),
    (s: string) => suspectText(s, 1000),
    (s: string) => protocolClamp(s, 1000),
  ]) {
    const shown = clamp(long)!;
    expect(shown).toHaveLength(1000);
    expect(shown.endsWith('…')).toBe(true);
    expect(clamp('short')).toBe('short');
  }
});

test('bidi controls show as escapes and count toward the limit; a cut never splits a surrogate pair', () => {
  expect(clampPageText('invoice\u202Egnp.exe', 100)).toBe('invoice\\u202Egnp.exe');
  const escaped = clampPageText('\u202E'.repeat(50), 20);
  expect(escaped).toHaveLength(20);
  expect(escaped.endsWith('…')).toBe(true);
  const emoji = clampPageText('ab😀😀😀', 4);
  expect(emoji).toBe('ab…');
  expect(clampPageText('ab😀', 4)).toBe('ab😀');
});

test('the protocol clamp turns anything but a string into null', () => {
  expect(protocolClamp(42)).toBeNull();
  expect(protocolClamp({ toString: () => 'x' })).toBeNull();
});
