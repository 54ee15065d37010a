/**
 * Uses a TodoMVC fixture app (tests/fixtures/pages/apps/) as a person would: types and presses Enter to add, clicks
 * to complete and to delete, follows the filter links and clears the completed ones. `pierce/` selectors reach into
 * the Lit app's open shadow root too. Each step waits until the app has re-rendered.
 */
import type { Page } from 'puppeteer-core';

/** The list items the app shows (in the document or the app element's open shadow root). */
const ITEMS = `(() => {
  const root = document.querySelector('todo-app')?.shadowRoot ?? document;
  return [...root.querySelectorAll('.todo-list li')].filter((li) => li.offsetParent !== null).length;
})()`;

const shownItems = (page: Page) => page.evaluate(ITEMS) as Promise<number>;

async function until(page: Page, items: number): Promise<void> {
  await page.waitForFunction(`${ITEMS} === ${items}`, { timeout: 10_000, polling: 50 });
}

/** Adds `titles.length` todos, completes two, deletes one, visits every filter and clears completed. */
export async function useTodoApp(
  page: Page,
  titles = ['Buy milk', 'Walk the dog', 'Write report', 'Call mum', 'Pay rent'],
): Promise<void> {
  for (const [i, title] of titles.entries()) {
    await page.click('pierce/.new-todo');
    await page.type('pierce/.new-todo', title);
    await page.keyboard.press('Enter');
    await until(page, i + 1);
  }
  let n = titles.length;
  for (const nth of [1, 2]) {
    await page.click(`pierce/.todo-list li:nth-child(${nth}) .toggle`);
    await page.waitForFunction(
      `(() => { const root = document.querySelector('todo-app')?.shadowRoot ?? document;
        return root.querySelectorAll('.todo-list li.completed').length === ${nth}; })()`,
      { timeout: 10_000, polling: 50 },
    );
  }
  await page.click('pierce/.todo-list li:nth-child(3) .destroy');
  await until(page, --n);
  await page.click('pierce/.filters a[href="#/active"]');
  await until(page, n - 2);
  await page.click('pierce/.filters a[href="#/completed"]');
  await until(page, 2);
  await page.click('pierce/.filters a[href="#/"]');
  await until(page, n);
  await page.click('pierce/.clear-completed');
  await until(page, n - 2);
  if ((await shownItems(page)) !== n - 2) throw new Error('the app did not end with the expected todos');
}
