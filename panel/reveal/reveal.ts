/**
 * "Reveal in Elements": finds a page element through the panel's debugger session (CDP's DOM tree, never the
 * page's own JavaScript) and asks DevTools to select it with the command-line API's `inspect()`, evaluated in
 * Leakscope's isolated world (`useContentScriptContext`): there the DOM's built-ins are pristine, so the page
 * cannot see or intercept the lookup. The element is named to that code only by its path (numbers), passed as a
 * JSON string literal; no page string is ever part of the evaluated code.
 */
import type { DebuggerSession } from '../cdp/debugger-session.ts';
import {
  chainLabelMatches,
  type DomNode,
  elementLabel,
  findElements,
  imageMatches,
  type Located,
  labelMatches,
  type PathStep,
} from './node-path.ts';

export type RevealResult =
  | { kind: 'revealed' /** How many elements matched (the first one is shown). */; matches: number }
  | { kind: 'gone'; message: string }
  | { kind: 'failed'; message: string };

const GONE = 'no longer in the document';

/** Walks a path in the page and inspects the element at its end; 'changed' when the DOM moved meanwhile. */
const INSPECT_PATH = `(function (json) {
  var data = JSON.parse(json), n = document;
  for (var i = 0; i < data.path.length; i++) {
    var s = data.path[i];
    if (s === 'frame') n = n.contentDocument;
    else if (s === 'shadow') n = (chrome.dom && chrome.dom.openOrClosedShadowRoot) ? chrome.dom.openOrClosedShadowRoot(n) : n.shadowRoot;
    else n = n.children[s];
    if (!n) return 'changed';
  }
  if (n.localName !== data.localName) return 'changed';
  inspect(n);
  return 'ok';
})`;

/** The evaluated source for one located element: our function applied to a JSON string literal. */
export function inspectExpression(at: Pick<Located, 'path' | 'localName'>): string {
  const json = JSON.stringify({ path: at.path satisfies PathStep[], localName: at.localName });
  return `${INSPECT_PATH}(${JSON.stringify(json)})`;
}

/** inspectedWindow.eval's callback form, which reports `(result, exceptionInfo)` on every Chromium we target. */
type EvalWithCallback = (
  expression: string,
  options: { useContentScriptContext: boolean },
  callback: (result: unknown, error?: { description?: string; code?: string; isException?: boolean }) => void,
) => void;

function evalInIsolatedWorld(expression: string): Promise<unknown> {
  const evaluate = chrome.devtools.inspectedWindow.eval as unknown as EvalWithCallback;
  return new Promise((resolve, reject) => {
    evaluate.call(
      chrome.devtools.inspectedWindow,
      expression,
      { useContentScriptContext: true },
      (result, error) => {
        if (error) reject(new Error(error.description ?? error.code ?? 'eval failed'));
        else resolve(result);
      },
    );
  });
}

async function documentTree(session: DebuggerSession): Promise<DomNode> {
  const { root } = await session.send<{ root: DomNode }>('DOM.getDocument', { depth: -1, pierce: true });
  // getDocument turns on DOM events for our session; nothing here needs them, and on a busy page they are many.
  await session.send('DOM.disable').catch(() => {});
  return root;
}

/** Reveals one element found by `find` in a fresh DOM tree; retries once if the DOM changed under us. */
async function reveal(session: DebuggerSession, find: (root: DomNode) => Located[]): Promise<RevealResult> {
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = find(await documentTree(session));
      if (!found.length) return { kind: 'gone', message: GONE };
      const answer = await evalInIsolatedWorld(inspectExpression(found[0]));
      if (answer === 'ok') return { kind: 'revealed', matches: found.length };
    }
    return { kind: 'gone', message: GONE };
  } catch (e) {
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

let session: DebuggerSession | null = null;

/** Called once by the controller with the panel's debugger session. */
export function installReveal(s: DebuggerSession): void {
  session = s;
}

/** Whether reveal can work here (a controller installed the session). */
export function canReveal(): boolean {
  return session !== null;
}

/**
 * Reveals the element a listener was registered on, known by the hook's label (`<button#save.primary>`) and
 * its frame's URL: the first element of that frame's document with that label.
 */
export function revealByLabel(label: string, frameUrl: string | null): Promise<RevealResult> {
  if (!session) return Promise.resolve({ kind: 'failed', message: 'Leakscope is not connected to the page' });
  return reveal(session, (root) => findElements(root, (n) => labelMatches(elementLabel(n), label), frameUrl));
}

/** Reveals the first element in the document with a chain hop's label (`<div id="main" class="a b">`). */
export function revealChainNode(label: string): Promise<RevealResult> {
  if (!session) return Promise.resolve({ kind: 'failed', message: 'Leakscope is not connected to the page' });
  return reveal(session, (root) => findElements(root, (n) => chainLabelMatches(n, label)));
}

/** Reveals the `<img>` in the document that shows the image the scan labelled (its URL, maybe shortened). */
export function revealImage(label: string): Promise<RevealResult> {
  if (!session) return Promise.resolve({ kind: 'failed', message: 'Leakscope is not connected to the page' });
  return reveal(session, (root) => findElements(root, (n, url) => imageMatches(n, url, label)));
}

/** Reveals the element with this backendNodeId (stable for the document's life, and it keeps nothing alive). */
export function revealBackendNode(backendNodeId: number): Promise<RevealResult> {
  if (!session) return Promise.resolve({ kind: 'failed', message: 'Leakscope is not connected to the page' });
  return reveal(session, (root) => findElements(root, (n) => n.backendNodeId === backendNodeId, null, 1));
}
