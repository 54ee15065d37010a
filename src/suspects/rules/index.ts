import type { LeakRule } from '../types.ts';
import { ClosureChainRule } from './closure-chain.ts';
import { ClosureGrowthRule } from './closure-growth.ts';
import { CollectionGrowthRule } from './collection-growth.ts';
import { DetachedDomRule } from './detached-dom.ts';
import { GlobalRule } from './global.ts';
import { ImageRule } from './image.ts';
import { ListenerRule } from './listener.ts';
import { TimerRule } from './timer.ts';

/** The rules that compare a scan with earlier ones (they report nothing without history). */
export const GROWTH_RULES: readonly LeakRule[] = [new ClosureGrowthRule(), new CollectionGrowthRule()];

/**
 * Most specific first: a detached tree held by a listener is a listener leak, not just "detached DOM"; a removed
 * <img> is reported with its pixel bytes by the image rule, which claims its tree.
 */
export const RULES: readonly LeakRule[] = [
  new ListenerRule(),
  new TimerRule(),
  new ImageRule(),
  new DetachedDomRule(),
  // Before the global rule: the chain, not "Global `current` keeps …", is what explains those bytes.
  new ClosureChainRule(),
  new GlobalRule(),
  ...GROWTH_RULES,
];

export {
  ClosureChainRule,
  ClosureGrowthRule,
  CollectionGrowthRule,
  DetachedDomRule,
  GlobalRule,
  ImageRule,
  ListenerRule,
  TimerRule,
};
