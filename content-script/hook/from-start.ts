import { LIMITS, RECORD_FROM_START_MARKER } from '../../src/protocol/index.ts';
import { getOwnDescriptor } from './pristine.ts';
import type { HookState } from './state.ts';

/**
 * Consumes the "record from the start" marker (see RECORD_FROM_START_MARKER): deletes it before any page script
 * can see it and switches callsite recording on, with a larger first budget (a page's first load registers a
 * lot; a connected panel's flushes refill it as usual).
 */
export function consumeRecordFromStart(state: HookState): boolean {
  try {
    if (!getOwnDescriptor(window, RECORD_FROM_START_MARKER)) return false;
    Reflect.deleteProperty(window, RECORD_FROM_START_MARKER);
    state.detail = true;
    state.callsiteBudget = LIMITS.callsitesPerFlush * 10;
    return true;
  } catch {
    return false;
  }
}
