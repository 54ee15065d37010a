/** The live scan: forced GC, detached DOM, roots and retainer chains without a heap snapshot. */

export { AUDIT_GROWTH_HOPS } from './explorer.ts';
export { forceGc } from './gc.ts';
export { CREATE_STATE } from './page-functions.ts';
export { DEFAULT_BUDGET, scan } from './scan.ts';
export * from './types.ts';
