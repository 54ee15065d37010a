import { expect, test } from 'vitest';
import { registryNodeLabel } from '../../../src/live/labels.ts';

// The same text the page hook gives the target (content-script/hook/describe.ts), from CDP's DOM.Node.
test('CDP nodes label like the hook labels event targets', () => {
  const node = (localName: string, attributes: string[] = []) => ({
    nodeType: 1,
    nodeName: localName.toUpperCase(),
    localName,
    attributes,
  });
  expect(registryNodeLabel(node('button', ['id', 'save', 'class', ' primary  big\n']))).toBe(
    '<button#save.primary.big>',
  );
  expect(registryNodeLabel(node('li', ['class', 'todo', 'data-id', '3']))).toBe('<li.todo>');
  expect(registryNodeLabel(node('foreignObject'))).toBe('<foreignObject>');
  expect(registryNodeLabel(node('div', ['id', 'x'.repeat(100)]))).toBe(`<div#${'x'.repeat(59)}…>`);
  expect(registryNodeLabel({ nodeType: 3, nodeName: '#text' })).toBeNull();
});
