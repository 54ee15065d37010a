import type { CdpTransport } from '../../cdp/transport.ts';
import { BUILTIN_NAMES, CREATE_STATE, PAGE_FN, PRISTINE_GLOBAL_NAMES } from '../page-functions.ts';
import type { PageSession } from '../session.ts';
import { ScanError } from '../types.ts';
import type { Collected, Metrics } from './collect.ts';
import type { FrameNode, ScanContext } from './context.ts';

/** The scan's private state in the page and the handles every later phase passes to page functions. */
export interface PageState {
  stateId: string;
  windowId: string;
  documentId: string;
  /** Global names a fresh window has: not the page's own. */
  pristine: Set<string>;
  /** The isolated world the pristine names came from (the page cannot touch it). */
  pristineContext: number;
}

const countFrames = (n: FrameNode): number =>
  1 + (n.childFrames ?? []).reduce((k, c) => k + countFrames(c), 0);

/**
 * Whether a removed frame's window may be alive: a kept window keeps its document, so the renderer then counts more
 * documents than the page has frames (template contents and parsed documents count too: then the check just runs).
 * Without one, the search skips the per-object window check (a native call and a caught TypeError per object).
 */
function mayKeepRemovedWindows(metrics: Metrics, tree: FrameNode): boolean {
  const documents = metrics.find((m) => m.name === 'Documents')?.value;
  return documents === undefined || documents > countFrames(tree);
}

/** Pristine global names per transport and document (an isolated world per scan would pile up). */
const pristineCache = new WeakMap<
  CdpTransport,
  { loaderId: string; names: Set<string>; contextId: number }
>();

async function pristineGlobals(s: PageSession, transport: CdpTransport, frameId: string, loaderId: string) {
  const cached = pristineCache.get(transport);
  if (cached?.loaderId === loaderId) return cached;
  // An isolated world has a fresh global of the same kind as the page's and the page cannot touch it.
  const { executionContextId } = await s.send<{ executionContextId: number }>('Page.createIsolatedWorld', {
    frameId,
    worldName: 'leakscope-pristine',
    grantUniveralAccess: false,
  });
  const r = await s.evaluate(PRISTINE_GLOBAL_NAMES, { byValue: true, contextId: executionContextId });
  const names = new Set(r.value as string[]);
  const fresh = { loaderId, names, contextId: executionContextId };
  pristineCache.set(transport, fresh);
  return fresh;
}

/** The built-ins the page functions captured must be the genuine natives; a page that replaced them cannot be walked safely. */
async function verifyBuiltins(s: PageSession, stateId: string): Promise<void> {
  const arr = await s.call(stateId, PAGE_FN.builtins);
  const props = await s.properties(arr.objectId!);
  for (let i = 0; i < BUILTIN_NAMES.length; i++) {
    const v = props.result.find((p) => p.name === String(i))?.value;
    const expected = `function ${BUILTIN_NAMES[i]}() { [native code] }`;
    if (v?.type !== 'function' || v.subtype === 'proxy' || v.description !== expected) {
      throw new ScanError(
        'tampered',
        `the page replaced the built-in ${BUILTIN_NAMES[i]}; Leakscope cannot walk it safely`,
      );
    }
  }
}

/** Phase 2: our private state (reachable only from our object group), checked built-ins, the pristine globals. */
export async function pageState(
  { s, transport }: ScanContext,
  { frameTree, metrics }: Collected,
): Promise<PageState> {
  const { loaderId, id: frameId } = frameTree.frame;
  const stateId = (await s.evaluate(CREATE_STATE)).objectId!;
  await verifyBuiltins(s, stateId);
  if (!mayKeepRemovedWindows(metrics, frameTree)) await s.call(stateId, PAGE_FN.skipWindowCheck, []);
  const windowId = (await s.evaluate('window')).objectId!;
  const documentId = (await s.evaluate('document')).objectId!;
  await s.call(stateId, PAGE_FN.markSeen, [{ objectId: windowId }]);
  const { names: pristine, contextId: pristineContext } = await pristineGlobals(
    s,
    transport,
    frameId,
    loaderId,
  );
  // Reading the descriptor of a built-in global (`window.WebGL2RenderingContext`, ...) makes Blink instantiate
  // that interface object in the page's world for good (~2 MB for all of them): the page side skips these names.
  await s.call(stateId, PAGE_FN.setPristine, [{ value: [...pristine] }]);
  return { stateId, windowId, documentId, pristine, pristineContext };
}
