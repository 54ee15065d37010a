import { expect, test } from 'vitest';
import {
  chainLabelMatches,
  type DomNode,
  elementLabel,
  findElements,
  imageMatches,
  labelMatches,
} from '../../../panel/reveal/node-path.ts';
import { inspectExpression } from '../../../panel/reveal/reveal.ts';

let id = 1;
const el = (
  name: string,
  attrs: string[] = [],
  children: DomNode[] = [],
  extra: Partial<DomNode> = {},
): DomNode => ({
  nodeType: 1,
  nodeName: name.toUpperCase(),
  localName: name,
  backendNodeId: id++,
  attributes: attrs,
  children,
  ...extra,
});
const text = (): DomNode => ({ nodeType: 3, nodeName: '#text', backendNodeId: id++ });
const doc = (url: string, children: DomNode[]): DomNode => ({
  nodeType: 9,
  nodeName: '#document',
  backendNodeId: id++,
  documentURL: url,
  children,
});

const target = el('button', ['id', 'save', 'class', ' a  b ']);
const shadowed = el('span', ['id', 'in']);
const framed = el('input', ['id', 'save', 'class', 'a b']);
const tree = doc('http://t/top.html', [
  { nodeType: 10, nodeName: 'html', backendNodeId: id++ },
  el(
    'html',
    [],
    [
      el('head'),
      el(
        'body',
        [],
        [
          text(),
          el('p'),
          text(),
          target,
          el('section', [], [], {
            shadowRoots: [
              { nodeType: 11, nodeName: '#document-fragment', backendNodeId: id++, children: [shadowed] },
            ],
          }),
          el('iframe', [], [], {
            contentDocument: doc('http://t/child.html', [el('html', [], [el('body', [], [framed])])]),
          }),
        ],
      ),
    ],
  ),
]);

test('labels are the hook’s, and a shortened label matches the elements it begins', () => {
  expect(elementLabel(target)).toBe('<button#save.a.b>');
  expect(labelMatches('<button#save.a.b>', '<button#save.a.b>')).toBe(true);
  expect(labelMatches('<button#save.a.b>', '<button#sav>')).toBe(false);
  expect(labelMatches(`<div#${'x'.repeat(70)}.c>`, `<div#${'x'.repeat(59)}….c>`)).toBe(true);
  expect(labelMatches(`<div#${'y'.repeat(70)}.c>`, `<div#${'x'.repeat(59)}….c>`)).toBe(false);
});

test('paths count element children only, and step into shadow roots and frames', () => {
  const byId = (want: number) => findElements(tree, (n) => n.backendNodeId === want);
  // html is document.children[0]; body is html.children[1]; the button is body's 2nd element (text skipped).
  expect(byId(target.backendNodeId)).toEqual([
    { backendNodeId: target.backendNodeId, path: [0, 1, 1], localName: 'button' },
  ]);
  expect(byId(shadowed.backendNodeId)[0].path).toEqual([0, 1, 2, 'shadow', 0]);
  expect(byId(framed.backendNodeId)[0].path).toEqual([0, 1, 3, 'frame', 0, 0, 0]);
  expect(byId(99_999)).toEqual([]); // not in the document any more
});

test('a frame URL restricts the search to that frame’s document', () => {
  const same = (n: DomNode) => labelMatches(elementLabel(n), '<button#save.a.b>') || n === framed;
  expect(findElements(tree, same).map((l) => l.localName)).toEqual(['button', 'input']);
  expect(findElements(tree, same, 'http://t/child.html').map((l) => l.localName)).toEqual(['input']);
  expect(findElements(tree, same, 'http://t/top.html').map((l) => l.localName)).toEqual(['button']);
  // A frame URL no document has (the frame navigated): search everywhere rather than nowhere.
  expect(findElements(tree, same, 'http://t/old.html')).toHaveLength(2);
});

test('the evaluated code is our function applied to one JSON string literal of numbers and fixed words', () => {
  const code = inspectExpression({ path: [0, 1, 'shadow', 2, 'frame'], localName: 'div' });
  const arg = /\}\)\((".*")\)$/s.exec(code)![1];
  expect(JSON.parse(JSON.parse(arg))).toEqual({ path: [0, 1, 'shadow', 2, 'frame'], localName: 'div' });
});

test('an <img> matches the scan’s label by src or srcset, resolved, or by the start of a shortened label', () => {
  const img = (attrs: string[]) => el('img', attrs);
  const base = 'http://t/dir/page.html';
  expect(imageMatches(img(['src', 'a.png']), base, 'http://t/dir/a.png')).toBe(true);
  expect(
    imageMatches(img(['src', 'a.png', 'srcset', 'a@2x.png 2x, b.png 3x']), base, 'http://t/dir/b.png'),
  ).toBe(true);
  expect(imageMatches(img(['src', 'a.png']), base, 'http://t/dir/b.png')).toBe(false);
  expect(imageMatches(el('video', ['src', 'a.png']), base, 'http://t/dir/a.png')).toBe(false);
  const data = `data:image/png;base64,${'A'.repeat(500)}`;
  expect(imageMatches(img(['src', data]), base, 'data:image/png;base64,… (522 chars)')).toBe(true);
  expect(imageMatches(img(['src', data]), base, 'data:image/png;base64,… (523 chars)')).toBe(false);
  const long = `http://t/${'x'.repeat(300)}.png`;
  expect(imageMatches(img(['src', long]), base, `${long.slice(0, 197)}…`)).toBe(true);
});

test('chain hop labels match from CDP descriptions and from attributes', () => {
  const main = el('main', ['id', 'app', 'class', 'a  b']);
  expect(chainLabelMatches(main, '<main id="app" class="a b">')).toBe(true); // description form: classes split
  expect(chainLabelMatches(main, '<main id="app" class="a  b">')).toBe(true); // attribute form: raw class
  expect(chainLabelMatches(main, '<main id="other">')).toBe(false);
  expect(chainLabelMatches(el('main'), '<main>')).toBe(true);
});
