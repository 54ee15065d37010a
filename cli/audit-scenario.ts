/** Audit scenarios, in MemLab's convention: a module exporting `action(page)`, `back(page)` and optionally `setup(page)`. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The page a scenario step receives: the puppeteer or Playwright page the audit drives. */
// biome-ignore lint/suspicious/noExplicitAny: a scenario is the user's code, written for their own page type.
export type ScenarioPage = any;

export interface Scenario {
  name: string;
  setup(page: ScenarioPage): Promise<void>;
  action(page: ScenarioPage): Promise<void>;
  back(page: ScenarioPage): Promise<void>;
}

/** A scenario given as functions (the API), in MemLab's convention; only `action` is required. */
export interface ScenarioSteps {
  name?: string;
  setup?: (page: ScenarioPage) => unknown;
  action: (page: ScenarioPage) => unknown;
  back?: (page: ScenarioPage) => unknown;
}

export function scenarioOf(steps: ScenarioSteps): Scenario {
  if (typeof steps.action !== 'function')
    throw new ScenarioError('A scenario needs an action(page) function.');
  for (const name of ['setup', 'back'] as const)
    if (steps[name] !== undefined && typeof steps[name] !== 'function')
      throw new ScenarioError(`The scenario's ${name} must be a function.`);
  const step = (f: ((page: ScenarioPage) => unknown) | undefined) => async (page: ScenarioPage) => {
    await f?.(page);
  };
  return {
    name: steps.name ?? (steps.action.name || 'action'),
    setup: step(steps.setup),
    action: step(steps.action),
    back: step(steps.back),
  };
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
    return async (page: ScenarioPage) => {
      await (f as (p: ScenarioPage) => unknown)(page);
    };
  };
  return { name: file, setup: fn('setup', false), action: fn('action', true), back: fn('back', false) };
}
