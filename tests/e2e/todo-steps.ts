/**
 * A person using a TodoMVC-style app (the truth/ fixtures share its markup): add 30 todos, complete 10, delete 10,
 * look at each filter, clear completed. Real input events through puppeteer, so the apps' own listeners run.
 */
import type { Page } from 'puppeteer-core';

/** Waits until the app rendered `n` items (every app re-renders asynchronously or not; this covers both). */
async function items(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want: number) => document.querySelectorAll('.todo-list li').length === want,
    { polling: 20, timeout: 20_000 },
    n,
  );
}

export async function useTodoApp(page: Page): Promise<void> {
  await page.waitForSelector('.new-todo');
  for (let i = 1; i <= 30; i++) {
    await page.focus('.new-todo');
    await page.keyboard.sendCharacter(`Task ${i}`);
    await page.keyboard.press('Enter');
    await items(page, i);
  }
  for (let i = 1; i <= 10; i++) {
    await page.click(`.todo-list li:nth-child(${i}) .toggle`);
    await page.waitForFunction(
      (k: number) => document.querySelectorAll('.todo-list li.completed').length === k,
      {
        polling: 20,
        timeout: 20_000,
      },
      i,
    );
  }
  for (let i = 1; i <= 10; i++) {
    await page.click('.todo-list li:nth-child(11) .destroy');
    await items(page, 30 - i);
  }
  for (const [hash, n] of [
    ['#/active', 10],
    ['#/completed', 10],
    ['#/', 20],
  ] as const) {
    await page.click(`.filters a[href="${hash}"]`);
    await items(page, n);
  }
  await page.click('.clear-completed');
  await items(page, 10);
}
