// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Column, DataGrid } from '../../../panel/components/data-grid.tsx';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

interface Row {
  id: number;
  name: string;
  kind: string;
}

const columns: Column<Row>[] = [
  { id: 'name', title: 'Name', width: 200, render: (r) => r.name, sortValue: (r) => r.name },
  { id: 'kind', title: 'Kind', width: 100, priority: 2, render: (r) => r.kind, sortValue: (r) => r.kind },
  { id: 'id', title: 'Id', align: 'right', render: (r) => String(r.id) },
];
const rows: Row[] = [
  { id: 2, name: 'b', kind: 'y' },
  { id: 1, name: 'c', kind: 'x' },
  { id: 3, name: 'a', kind: 'z' },
];

function grid() {
  return render(<DataGrid label="Things" rows={rows} columns={columns} rowKey={(r) => String(r.id)} />);
}
const headers = (c: Element) =>
  [...c.querySelectorAll('[role="columnheader"]')].map((h) => h.getAttribute('data-column'));

test('Enter and Space on a header sort by it, and aria-sort says which way', () => {
  const { container } = grid();
  const name = container.querySelector('[data-column="name"]') as HTMLElement;
  expect(name.tabIndex).toBe(0);
  expect(name.getAttribute('aria-sort')).toBe('none');
  // Not sortable: not a tab stop.
  expect((container.querySelector('[data-column="id"]') as HTMLElement).tabIndex).toBe(-1);
  fireEvent.keyDown(name, { key: 'Enter' });
  expect(name.getAttribute('aria-sort')).toBe('ascending');
  const first = () => container.querySelector('[role="row"][aria-rowindex] [role="gridcell"]')?.textContent;
  expect(first()).toBe('a');
  fireEvent.keyDown(name, { key: ' ' });
  expect(name.getAttribute('aria-sort')).toBe('descending');
  expect(first()).toBe('c');
});

test('the header menu hides and shows columns, Reset brings the defaults back, and the choice is kept', () => {
  const { container, getByRole, unmount } = grid();
  expect(headers(container)).toEqual(['name', 'kind', 'id']);
  fireEvent.contextMenu(container.querySelector('.ls-grid-header')!);
  const kind = getByRole('menuitemcheckbox', { name: 'Kind' });
  expect(kind.getAttribute('aria-checked')).toBe('true');
  // The first column carries the row's name and cannot be hidden.
  expect(container.querySelector('[role="menuitemcheckbox"][aria-label="Name"]')).toBeNull();
  fireEvent.click(kind);
  expect(headers(container)).toEqual(['name', 'id']);
  expect(
    container.querySelectorAll('[role="row"][aria-rowindex]')[0].querySelectorAll('[role="gridcell"]'),
  ).toHaveLength(2);
  unmount();

  const again = grid();
  expect(headers(again.container)).toEqual(['name', 'id']);
  fireEvent.contextMenu(again.container.querySelector('.ls-grid-header')!);
  fireEvent.click(again.getByRole('menuitem', { name: 'Reset columns' }));
  expect(headers(again.container)).toEqual(['name', 'kind', 'id']);
});

test('dragging a header’s edge resizes its column', () => {
  const { container } = grid();
  const handle = container.querySelector('[data-column="name"] .ls-grid-resizer') as HTMLElement;
  fireEvent.pointerDown(handle, { clientX: 200, pointerId: 1 });
  fireEvent.pointerMove(handle, { clientX: 260, pointerId: 1 });
  fireEvent.pointerUp(handle, { clientX: 260, pointerId: 1 });
  const name = container.querySelector('[data-column="name"]') as HTMLElement;
  // happy-dom lays nothing out (offsetWidth 0): the drag of +60 px sets the width from there, at least 40 px.
  expect(name.style.width).toBe('60px');
  expect(JSON.parse(localStorage.getItem('ls-grid:Things')!).widths).toEqual({ name: 60 });
});

test('Ctrl+C copies the selected row as tab-separated cells, through a copy event', () => {
  const { container } = grid();
  const g = container.querySelector('[role="grid"]') as HTMLElement;
  fireEvent.keyDown(g, { key: 'ArrowDown' });
  let copied = '';
  // happy-dom has no execCommand('copy'): play the browser's part, which fires the copy event.
  document.execCommand = ((command: string) => {
    if (command !== 'copy') return false;
    const data = new Map<string, string>();
    const e = new Event('copy', { cancelable: true }) as ClipboardEvent;
    Object.defineProperty(e, 'clipboardData', {
      value: { setData: (t: string, v: string) => data.set(t, v) },
    });
    document.dispatchEvent(e);
    copied = data.get('text/plain') ?? '';
    return true;
  }) as typeof document.execCommand;
  fireEvent.keyDown(g, { key: 'c', ctrlKey: true });
  expect(copied).toBe('b\ty\t2');
});
