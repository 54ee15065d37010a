/**
 * "Reveal in Elements": asks DevTools to select a page element with the command-line API's `inspect()`,
 * evaluated in Leakscope's isolated world (`useContentScriptContext`), where the DOM's built-ins are pristine
 * and the page cannot see or intercept the lookup (see page-match.ts). No debugger session is needed.
 */
import { type RevealAnswer, type RevealQuery, revealExpression } from './page-match.ts';

export type RevealResult =
  | { kind: 'revealed' /** How many elements matched (the first one is shown). */; matches: number }
  | { kind: 'gone'; message: string }
  | { kind: 'failed'; message: string };

/** inspectedWindow.eval's callback form, which reports `(result, exceptionInfo)` on every Chromium we target. */
type EvalWithCallback = (
  expression: string,
  options: { useContentScriptContext: boolean },
  callback: (result: unknown, error?: { description?: string; code?: string; isException?: boolean }) => void,
) => void;

export function evalInIsolatedWorld(expression: string): Promise<unknown> {
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

async function reveal(query: RevealQuery): Promise<RevealResult> {
  try {
    const answer = (await evalInIsolatedWorld(revealExpression(query))) as RevealAnswer;
    if (answer === 'gone') return { kind: 'gone', message: 'no longer in the document' };
    const matches = typeof answer?.matches === 'number' ? answer.matches : 1;
    return { kind: 'revealed', matches };
  } catch (e) {
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Reveal works wherever the panel runs inside DevTools. */
export function canReveal(): boolean {
  return typeof chrome !== 'undefined' && !!chrome.devtools?.inspectedWindow;
}

/** The element a listener was registered on, by the hook's label, in the listener's frame. */
export function revealByLabel(label: string, frameUrl: string | null): Promise<RevealResult> {
  return reveal({ kind: 'listener', label, frameUrl });
}

/** The first element in the document with a chain hop's label (`<div id="main" class="a b">`). */
export function revealChainNode(label: string): Promise<RevealResult> {
  return reveal({ kind: 'chain', label, frameUrl: null });
}

/** The `<img>` in the document that shows the image the scan labelled (its URL, maybe shortened). */
export function revealImage(label: string): Promise<RevealResult> {
  return reveal({ kind: 'image', label, frameUrl: null });
}
