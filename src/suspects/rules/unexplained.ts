/** What is known about a tree no searched root reaches (measured: docs/live-scan.md § Who else holds removed nodes). */
export const UNEXPLAINED =
  'Not counted as the page’s leak: Leakscope cannot tell who holds it. DevTools itself keeps removed elements alive in its DOM agent (seen with DevTools open and mouse input: removed list items stayed alive until DevTools was closed); so do browser internals (an element’s style object, or a stale word on the browser’s stack during Leakscope’s forced GC, which the browser’s next ordinary GC frees) and roots the live search does not cover (promise reactions, an arrow listener’s `this`).';
export const FIX_UNEXPLAINED =
  'To know whether the page keeps it, take a heap snapshot with DevTools closed (leakscope audit does) and look for this element; if it is there, its retainers show the holder.';
