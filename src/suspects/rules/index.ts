import type { LeakRule } from '../types.ts';
import { DetachedDomRule } from './detached-dom.ts';
import { GlobalRule } from './global.ts';
import { ListenerRule } from './listener.ts';
import { TimerRule } from './timer.ts';

/** Most specific first: a detached tree held by a listener is a listener leak, not just "detached DOM". */
export const RULES: readonly LeakRule[] = [
  new ListenerRule(),
  new TimerRule(),
  new DetachedDomRule(),
  new GlobalRule(),
];

export { DetachedDomRule, GlobalRule, ListenerRule, TimerRule };
