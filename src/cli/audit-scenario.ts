/** Audit scenarios, in MemLab's convention: a module exporting `action(page)`, `back(page)` and optionally `setup(page)`. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';

export interface Scenario {
  name: string;
  setup(page: Page): Promise<void>;
  action(page: Page): Promise<void>;
  back(page: Page): Promise<void>;
}

export class ScenarioError extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Without a scenario: the page is loaded and left alone; each iteration is one idle period. */
export function idleScenario(ms: number): Scenario {
  return {
    name: `idle ${ms} ms`,
    setup: async () => {},
    action: () => sleep(ms),
    back: async () => {},
  };
}

export async function loadScenario(file: string): Promise<Scenario> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ScenarioError(`Cannot load the scenario ${file}: ${(err as Error).message}`);
  }
  const fn = (name: string, required: boolean) => {
    const f = mod[name];
    if (f === undefined && !required) return async () => {};
    if (typeof f !== 'function')
      throw new ScenarioError(`The scenario ${file} must export an async function ${name}(page).`);
    return async (page: Page) => {
      await (f as (p: Page) => unknown)(page);
    };
  };
  return { name: file, setup: fn('setup', false), action: fn('action', true), back: fn('back', false) };
}
