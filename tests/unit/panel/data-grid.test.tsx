// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { type Column, DataGrid } from '../../../panel/components/data-grid.tsx';

afterEach(cleanup);

interface Row {
  id: number;
  name: string;
  kids?: Row[];
}

const columns: Column<Row>[] = [
  { id: 'name', title: 'Name', render: (r) => r.name, sortValue: (r) => r.name },
  { id: 'id', title: 'Id', align: 'right', render: (r) => String(r.id), sortValue: (r) => r.id },
];

function grid(rows: Row[]) {
  return render(
    <DataGrid
      label="Things"
      rows={rows}
      columns={columns}
      rowKey={(r) => String(r.id)}
      children={(r) => r.kids ?? []}
    />,
  );
}

test('100,000 rows render only the visible window', () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `row ${i}` }));
  const { container } = grid(rows);
  const rendered = container.querySelectorAll('[role="row"][aria-rowindex]').length;
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);
  expect(container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('100000');
  // Rows are stacked by absolute position inside a spacer as tall as all rows together.
  const tops = [...container.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')].map(
    (r) => r.style.top,
  );
  expect(tops.slice(0, 3)).toEqual(['0px', '21px', '42px']);
  expect((container.querySelector('.ls-grid-body > div') as HTMLElement).style.height).toBe('2100000px');
});

test('arrow keys move the selection, Enter expands and collapses a group', () => {
  const rows: Row[] = [
    {
      id: 1,
      name: 'a',
      kids: [
        { id: 11, name: 'a.1' },
        { id: 12, name: 'a.2' },
      ],
    },
    { id: 2, name: 'b' },
  ];
  const { container } = grid(rows);
  const g = container.querySelector('[role="grid"]') as HTMLElement;
  const selected = () => container.querySelector('[aria-selected="true"]')?.textContent;
  fireEvent.keyDown(g, { key: 'ArrowDown' });
  expect(selected()).toContain('a');
  expect(container.querySelectorAll('[role="row"][aria-rowindex]')).toHaveLength(2);
  fireEvent.keyDown(g, { key: 'Enter' });
  expect(container.querySelectorAll('[role="row"][aria-rowindex]')).toHaveLength(4);
  fireEvent.keyDown(g, { key: 'ArrowDown' });
  expect(selected()).toContain('a.1');
  expect(g.getAttribute('aria-activedescendant')).toMatch(/-row-1$/);
  fireEvent.keyDown(g, { key: 'End' });
  expect(selected()).toContain('b');
  fireEvent.keyDown(g, { key: 'Home' });
  fireEvent.keyDown(g, { key: 'ArrowLeft' });
  expect(container.querySelectorAll('[role="row"][aria-rowindex]')).toHaveLength(2);
});

test('clicking a column header sorts by it, clicking again reverses', () => {
  const { container, getByText } = grid([
    { id: 2, name: 'b' },
    { id: 1, name: 'c' },
    { id: 3, name: 'a' },
  ]);
  const names = () =>
    [...container.querySelectorAll('[role="row"][aria-rowindex]')].map(
      (r) => r.firstElementChild?.textContent,
    );
  fireEvent.click(getByText('Name'));
  expect(names()).toEqual(['a', 'b', 'c']);
  fireEvent.click(getByText(/^Name/));
  expect(names()).toEqual(['c', 'b', 'a']);
});

test('page-controlled text renders as text, never as markup', () => {
  const { container } = grid([{ id: 1, name: '<img src=x onerror="globalThis.pwned=1">' }]);
  expect(container.querySelector('img')).toBeNull();
  expect(container.textContent).toContain('<img src=x');
});
