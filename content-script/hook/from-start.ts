import type { HookState } from './state.ts';

/** Placeholder until the reload-and-record-from-start mechanism is verified. */
export function watchRecordFromStart(_state: HookState): void {}
