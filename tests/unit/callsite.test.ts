import { expect, test } from 'vitest';
import {
  type Callsite,
  callsiteHeading,
  callsiteText,
  definedAt,
  positionText,
  samePosition,
} from '../../src/callsite.ts';

const registered: Callsite = {
  kind: 'registered',
  url: 'http://127.0.0.1:8000/app.js',
  scriptId: null,
  line: 12,
  column: 3,
  functionName: 'open',
};

test('a CDP position (0-based) becomes a 1-based "defined" callsite once', () => {
  expect(definedAt('7', 0, 0, 'onResize')).toEqual({
    kind: 'defined',
    url: null,
    scriptId: '7',
    line: 1,
    column: 1,
    functionName: 'onResize',
  });
});

test('callsites read with their kind, the path without the origin, and the original position first', () => {
  expect(positionText(registered)).toBe('/app.js:12:3');
  expect(callsiteText(registered)).toBe('registered at /app.js:12:3 in open()');
  expect(callsiteText({ ...definedAt('7', 4, 9, ''), url: 'http://x.test/b.js' })).toBe(
    'defined at /b.js:5:10',
  );
  expect(callsiteText({ ...registered, kind: 'assigned' }, { fullUrl: true, label: false })).toBe(
    'http://127.0.0.1:8000/app.js:12:3 in open()',
  );
  const mapped = {
    ...registered,
    original: { url: 'http://127.0.0.1:8000/src/dialog.ts', line: 7, column: 1 },
  };
  expect(callsiteText(mapped)).toBe('registered at /src/dialog.ts:7:1 (generated /app.js:12:3) in open()');
  expect(callsiteText({ ...registered, url: null })).toBe('registered at (unknown script):12:3 in open()');
  expect(callsiteHeading('defined')).toBe('Defined at');
});

test('same position: by scriptId when both have one, else by URL; names do not matter', () => {
  expect(samePosition(definedAt('1', 3, 4, 'a'), definedAt('1', 3, 4, 'b'))).toBe(true);
  expect(samePosition(definedAt('1', 3, 4, 'a'), definedAt('2', 3, 4, 'a'))).toBe(false);
  expect(samePosition(registered, { ...registered, functionName: 'x' })).toBe(true);
  expect(samePosition(registered, { ...registered, column: 4 })).toBe(false);
  expect(samePosition(registered, null)).toBe(false);
});
