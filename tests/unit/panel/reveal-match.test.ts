// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type RevealQuery, revealExpression } from '../../../panel/reveal/page-match.ts';

// The page function of Reveal, run against a DOM (happy-dom) with a recording `inspect`, as DevTools would.
let inspected: Element[] = [];
beforeEach(() => {
  inspected = [];
  (globalThis as Record<string, unknown>).inspect = (el: Element) => inspected.push(el);
  (globalThis as Record<string, unknown>).__pwned = undefined;
  document.body.innerHTML = `
    <main id="app" class="a  b">
      <button id="save" class="primary wide">Save</button>
      <div id='x"),window.__pwned=1,("' class="&lt;/script&gt;">Hostile</div>
      <li class="item">one</li><li class="item">two</li>
      <img id="pic" src="/pics/a.png">
      <section id="host"></section>
    </main>`;
  const inner = document.createElement('span');
  inner.id = 'in-shadow';
  document.getElementById('host')!.attachShadow({ mode: 'open' }).append(inner);
});
afterEach(() => {
  document.body.innerHTML = '';
});

function run(q: Partial<RevealQuery> & { label: string }): unknown {
  // In global scope, as inspectedWindow.eval runs it.
  return new Function(`return ${revealExpression({ kind: 'listener', frameUrl: null, ...q })}`)();
}

test('listener labels: plain, hostile (as data, never code), shadow root, several matches, gone', () => {
  expect(run({ label: '<button#save.primary.wide>' })).toEqual({ matches: 1 });
  expect(inspected.map((e) => e.id)).toEqual(['save']);
  expect(run({ label: `<div#x"),window.__pwned=1,(".</script>>` })).toEqual({ matches: 1 });
  expect(inspected[1].id).toBe('x"),window.__pwned=1,("');
  expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  expect(run({ label: '<span#in-shadow>' })).toEqual({ matches: 1 });
  expect(run({ label: '<li.item>' })).toEqual({ matches: 2 });
  expect(inspected[3].textContent).toBe('one');
  expect(run({ label: '<aside#gone>' })).toBe('gone');
  expect(inspected).toHaveLength(4);
});

test('a label the hook shortened matches the element it begins', () => {
  const long = 'y'.repeat(70);
  document.getElementById('save')!.id = long;
  expect(run({ label: `<button#${'y'.repeat(59)}….primary.wide>` })).toEqual({ matches: 1 });
  expect(run({ label: `<button#${'z'.repeat(59)}….primary.wide>` })).toBe('gone');
});

test('chain labels (both forms) and image URLs', () => {
  expect(run({ kind: 'chain', label: '<main id="app" class="a b">' })).toEqual({ matches: 1 });
  expect(run({ kind: 'chain', label: '<main id="app" class="a  b">' })).toEqual({ matches: 1 });
  expect(run({ kind: 'chain', label: '<main id="other">' })).toBe('gone');
  const src = (document.getElementById('pic') as HTMLImageElement).src;
  expect(run({ kind: 'image', label: src })).toEqual({ matches: 1 });
  expect(inspected.at(-1)?.id).toBe('pic');
  expect(run({ kind: 'image', label: `${src.slice(0, 10)}…` })).toEqual({ matches: 1 });
  expect(run({ kind: 'image', label: 'http://elsewhere/b.png' })).toBe('gone');
});

test('a frame URL no document has searches everywhere; the query is one JSON string literal', () => {
  expect(run({ label: '<button#save.primary.wide>', frameUrl: 'http://gone/frame.html' })).toEqual({
    matches: 1,
  });
  expect(run({ label: '<button#save.primary.wide>', frameUrl: document.URL })).toEqual({ matches: 1 });
  const code = revealExpression({ kind: 'listener', label: '"); alert(1); ("', frameUrl: null });
  const arg = /\}\)\((".*")\)$/s.exec(code)![1];
  expect(JSON.parse(JSON.parse(arg)).label).toBe('"); alert(1); ("');
});
