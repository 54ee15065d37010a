import { expect, test } from 'vitest';
import { classify, domNodeLabel, labelOf, nodeLabel } from '../../../src/live/labels.ts';

const platform = new Set(['Location', 'CSSStyleDeclaration']);

test('node labels read like HTML', () => {
  expect(nodeLabel('section#dlg0.dialog.open')).toBe('<section id="dlg0" class="dialog open">');
  expect(nodeLabel('td')).toBe('<td>');
  expect(domNodeLabel({ nodeName: 'TABLE', attributes: ['id', 'report', 'data-x', '1'] })).toBe(
    '<table id="report">',
  );
});

test('functions are named by their own name, then their source', () => {
  expect(labelOf({ type: 'function', description: 'function onResize(){ … }' })).toBe('onResize()');
  expect(labelOf({ type: 'function', description: '() => this.tick()' })).toBe('(anonymous)()');
  expect(labelOf({ type: 'function', description: 'function () { [native code] }' }, 'bound tick')).toBe(
    'bound tick()',
  );
  expect(labelOf({ type: 'function', description: 'class Ticker { … }' })).toBe('class Ticker');
  // Methods, as V8 describes them (a listener registered as `this.onClick`); arrows stay anonymous.
  expect(labelOf({ type: 'function', description: 'onDocumentClick() { this.count++; }' })).toBe(
    'onDocumentClick()',
  );
  expect(labelOf({ type: 'function', description: 'async *pages(url) { … }' })).toBe('pages()');
  expect(labelOf({ type: 'function', description: 'async (e) => this.save(e)' })).toBe('(anonymous)()');
  expect(labelOf({ type: 'function', description: 'e => e.id' })).toBe('(anonymous)()');
});

test('classification decides what is walked and what CDP must expand', () => {
  expect(classify({ type: 'object', subtype: 'proxy' }, '', platform)).toEqual({
    walk: false,
    internal: 'proxy',
    bytes: 0,
  });
  expect(
    classify({ type: 'function', description: 'function push() { [native code] }' }, 'push', platform).walk,
  ).toBe(false);
  expect(
    classify({ type: 'function', description: 'function () { [native code] }' }, 'bound f', platform)
      .internal,
  ).toBe('bound');
  expect(classify({ type: 'function', description: 'x => x' }, '', platform).internal).toBe('function');
  expect(classify({ type: 'object', subtype: 'map', className: 'Map' }, '', platform).internal).toBe('map');
  expect(classify({ type: 'object', subtype: 'weakmap' }, '', platform).walk).toBe(false);
  expect(
    classify(
      { type: 'object', subtype: 'typedarray', className: 'Float64Array', description: 'Float64Array(1000)' },
      '',
      platform,
    ).bytes,
  ).toBe(8000);
  expect(classify({ type: 'object', className: 'Ticker' }, '', platform).internal).toBe('instance');
  expect(classify({ type: 'object', className: 'Location' }, '', platform).internal).toBeNull();
  expect(classify({ type: 'object', className: 'Window' }, '', platform).walk).toBe(false);
});

test('primitives are labelled by value', () => {
  expect(labelOf({ type: 'string', value: 'shoes' })).toBe('"shoes"');
  expect(labelOf({ type: 'number', value: 42, description: '42' })).toBe('42');
});
