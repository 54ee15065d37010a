/** Public surface of src/registry/: what the panel, the command line and the content scripts use. */
export {
  type Definitions,
  definitionsOf,
  listenerCallsite,
  NO_DEFINITIONS,
  timerCallsite,
} from './definitions.ts';
export { groupListeners, type ListenerGroup } from './group-listeners.ts';
export {
  type ApplyResult,
  describeFrame,
  type LiveListener,
  type LiveTimer,
  PageRegistry,
} from './page-registry.ts';
export { TimeSeries } from './time-series.ts';
