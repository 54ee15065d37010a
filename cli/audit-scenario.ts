/**
 * Audit scenarios, in MemLab's convention: a module (ES or CommonJS) with `action(page)`, optionally `back(page)`,
 * `setup(page)`, and MemLab's `url()`, `cookies()`, `beforeInitialPage(page)`, `repeat()`, `leakFilter` and
 * `beforeLeakFilter`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LeakFilter } from '../src/heap/index.ts';

/** The page a scenario step receives: the puppeteer or Playwright page the audit drives. */
// biome-ignore lint/suspicious/noExplicitAny: a scenario is the user's code, written for their own page type.
export type ScenarioPage = any;

/** A cookie set before the page loads (MemLab's `cookies()`: CDP's Network.CookieParam fields). */
export interface ScenarioCookie {
  name: string;
  value: string;
  url?: string;
  domain?: string;
  path?: string;
  [field: string]: unknown;
}

export interface Scenario {
  name: string;
  /** MemLab's `url()`: the page to audit when the command line gives none. */
  url?: string;
  /** MemLab's `cookies()`: set before the page loads (a cookie without url or domain gets the audited URL). */
  cookies?: ScenarioCookie[];
  /** MemLab's `repeat()`: extra (action, back) rounds; used for --iterations (1 + repeat) when that is not given. */
  repeat?: number;
  /** Said in the report's notes: what of the scenario Leakscope does not use. */
  notes?: string[];
  /** MemLab's `leakFilter` (and `beforeLeakFilter`): decides which objects of the heap-snapshot diff are leaks. */
  leakFilter?: LeakFilter;
  /** Its steps wait by themselves (idle periods): no settle pause after them. */
  selfTimed?: boolean;
  /** MemLab's `beforeInitialPage(page)`: before the first load, e.g. to set headers or intercept requests. */
  beforeInitialPage(page: ScenarioPage): Promise<void>;
  setup(page: ScenarioPage): Promise<void>;
  action(page: ScenarioPage): Promise<void>;
  back(page: ScenarioPage): Promise<void>;
}

const nothing = async () => {};

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
    beforeInitialPage: nothing,
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
    selfTimed: true,
    beforeInitialPage: nothing,
    setup: nothing,
    action: () => sleep(ms),
    back: nothing,
  };
}

export async function loadScenario(file: string): Promise<Scenario> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ScenarioError(`Cannot load the scenario ${file}: ${(err as Error).message}`);
  }
  // A CommonJS scenario (`module.exports = { action, back }`, as MemLab's examples are) arrives as the default export.
  const fallback = loaded.default;
  const mod =
    typeof loaded.action !== 'function' && fallback && typeof fallback === 'object'
      ? (fallback as Record<string, unknown>)
      : loaded;
  const fn = (name: string, required: boolean) => {
    const f = mod[name];
    if (f === undefined && !required) return nothing;
    if (typeof f !== 'function')
      throw new ScenarioError(`The scenario ${file} must export an async function ${name}(page).`);
    return async (page: ScenarioPage) => {
      await (f as (p: ScenarioPage) => unknown)(page);
    };
  };
  const value = async <T>(
    name: string,
    check: (v: unknown) => v is T,
    what: string,
  ): Promise<T | undefined> => {
    const f = mod[name];
    if (f === undefined) return undefined;
    if (typeof f !== 'function')
      throw new ScenarioError(`The scenario's ${name} must be a function returning ${what}.`);
    let v: unknown;
    try {
      v = await (f as () => unknown)();
    } catch (err) {
      throw new ScenarioError(`The scenario's ${name}() threw: ${(err as Error).message}`);
    }
    if (!check(v)) throw new ScenarioError(`The scenario's ${name}() must return ${what}.`);
    return v;
  };
  const url = await value(
    'url',
    (v): v is string => typeof v === 'string' && /^(https?|file):/i.test(v),
    'an http(s) or file URL',
  );
  const cookies = await value(
    'cookies',
    (v): v is ScenarioCookie[] =>
      Array.isArray(v) && v.every((c) => c && typeof c.name === 'string' && typeof c.value === 'string'),
    'an array of { name, value } cookies',
  );
  const repeat = await value(
    'repeat',
    (v): v is number => Number.isInteger(v) && (v as number) >= 0,
    'a whole number ≥ 0',
  );
  const notes =
    mod.retainerReferenceFilter !== undefined
      ? [
          "The scenario's retainerReferenceFilter is not used: Leakscope picks each chain itself (see --ignore for known noise).",
        ]
      : [];
  const leakFilter = leakFilterOf(mod, file);
  if (leakFilter)
    notes.push(
      "The scenario's leakFilter chose the heap-snapshot diff's objects; the live suspects come from Leakscope's rules.",
    );
  return {
    name: file,
    ...(leakFilter ? { leakFilter } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(cookies !== undefined ? { cookies } : {}),
    ...(repeat !== undefined ? { repeat } : {}),
    notes,
    beforeInitialPage: fn('beforeInitialPage', false),
    setup: fn('setup', false),
    action: fn('action', true),
    back: fn('back', false),
  };
}

/** MemLab's leak filter hooks, called with `this` as the module, as MemLab calls them. */
function leakFilterOf(mod: Record<string, unknown>, file: string): LeakFilter | null {
  const { leakFilter, beforeLeakFilter } = mod;
  if (leakFilter === undefined && beforeLeakFilter === undefined) return null;
  if (typeof leakFilter !== 'function')
    throw new ScenarioError(
      `The scenario ${file}'s leakFilter must be a function (node, snapshot, leakedNodeIds) returning a boolean.`,
    );
  if (beforeLeakFilter !== undefined && typeof beforeLeakFilter !== 'function')
    throw new ScenarioError(
      `The scenario ${file}'s beforeLeakFilter must be a function (snapshot, leakedNodeIds).`,
    );
  return {
    leakFilter: (node, snapshot, ids) => leakFilter.call(mod, node, snapshot, ids),
    ...(beforeLeakFilter
      ? { beforeLeakFilter: (snapshot, ids) => beforeLeakFilter.call(mod, snapshot, ids) }
      : {}),
  };
}
