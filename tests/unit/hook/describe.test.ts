// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { describeHandler, describeTarget, targetKind } from '../../../content-script/hook/describe.ts';

/** Target and handler labels: short, clamped, plain text built from page strings. */

test('window, document, elements with id and classes', () => {
  expect(targetKind(window)).toBe('window');
  expect(describeTarget(window, 'window')).toBe('window');
  expect(targetKind(document)).toBe('document');
  expect(describeTarget(document, 'document')).toBe('document');
  const div = document.createElement('div');
  div.id = 'main';
  div.setAttribute('class', '  a   b\tc ');
  expect(targetKind(div)).toBe('element');
  expect(describeTarget(div, 'element')).toBe('<div#main.a.b.c>');
  const text = document.createTextNode('x');
  expect(targetKind(text)).toBe('node');
  expect(targetKind(new EventTarget())).toBe('other');
});

test('hostile page strings stay inert text and are clamped', () => {
  const div = document.createElement('div');
  div.id = '"><img src=x onerror=alert(1)>'.repeat(20);
  div.setAttribute('class', 'x'.repeat(1000));
  const label = describeTarget(div, 'element');
  expect(label.length).toBeLessThanOrEqual(300);
  expect(label.startsWith('<div#"><img')).toBe(true);
  expect(label).toMatch(/…>$/);
});

test('handler names: functions, anonymous functions, handleEvent objects, strings', () => {
  function onClick() {}
  expect(describeHandler(onClick)).toBe('onClick');
  expect(describeHandler(Object.defineProperty(() => {}, 'name', { value: '' }))).toBe('(anonymous)');
  class Clicker {
    handleEvent() {}
  }
  expect(describeHandler(new Clicker())).toBe('Clicker.handleEvent');
  expect(describeHandler({ handleEvent() {} })).toBe('Object.handleEvent');
  expect(describeHandler('alert(1)')).toBe('"alert(1)"');
  // A getter on `name` is not run (the label comes from data properties only).
  let ran = false;
  const sneaky = Object.defineProperty(() => {}, 'name', {
    get() {
      ran = true;
      return 'x';
    },
  });
  expect(describeHandler(sneaky)).toBe('(anonymous)');
  expect(ran).toBe(false);
});
