/**
 * The page side of "Reveal in Elements": one function, evaluated in Leakscope's isolated world (pristine DOM
 * built-ins, invisible to the page), that finds the element a view row names — by the label the hook or the scan
 * gave it, or the URL an image shows — in the top document, its shadow roots (open or closed) and its same-origin
 * frames, and selects the first match with the command-line API's `inspect()`. The query reaches it only as one
 * JSON string literal (data, parsed inside), so page strings (ids, classes, URLs) are never code.
 *
 * Why in the page and not over CDP: `DOM.getDocument({depth: -1, pierce: true})` took 2–3 s for 10,000
 * elements and 4–15 s for 50,000 on this machine; a `querySelectorAll('*')` walk is a few milliseconds.
 */

export interface RevealQuery {
  /**
   * `listener`: the hook's target label `<div#id.a.b>` (maybe shortened with `…`); `chain`: the scan's
   * `<div id="id" class="a b">`; `image`: the URL an `<img>` shows (`currentSrc`), maybe shortened.
   */
  kind: 'listener' | 'chain' | 'image';
  label: string;
  /** Search only the document with this URL (a listener's frame), when there is one. */
  frameUrl: string | null;
}

/** `'gone'`, or how many elements matched (the first one was inspected). */
export type RevealAnswer = 'gone' | { matches: number };

export const MATCH_AND_INSPECT = `(function (json) {
  var q = JSON.parse(json);
  var label = q.label;
  var ws = /[ \\t\\n\\r\\f]+/;
  var classes = function (el) {
    var c = el.getAttribute('class');
    return c ? c.split(ws).filter(function (x) { return x; }) : [];
  };
  // A label shortened with '…' matches every text it begins: the parts between cuts appear in order.
  var shortened = function (full, shown) {
    if (full === shown) return true;
    if (shown.indexOf('\\u2026') < 0) return false;
    var parts = shown.replace(/>$/, '').split('\\u2026'), at = 0;
    for (var i = 0; i < parts.length; i++) {
      var k = full.indexOf(parts[i], at);
      if (k < 0 || (i === 0 && k !== 0)) return false;
      at = k + parts[i].length;
    }
    return true;
  };
  var data = /^(data:[^\\u2026]*)\\u2026 \\(([\\d,]+) chars\\)$/.exec(label);
  var match = function (el) {
    var tag = el.localName;
    if (q.kind === 'listener') {
      var cs = classes(el).map(function (c) { return '.' + c; }).join('');
      return shortened('<' + tag + (el.id ? '#' + el.id : '') + cs + '>', label);
    }
    if (q.kind === 'chain') {
      var id = el.id ? ' id="' + el.id + '"' : '';
      var split = classes(el), raw = el.getAttribute('class');
      return label === '<' + tag + id + (split.length ? ' class="' + split.join(' ') + '"' : '') + '>' ||
        (raw !== null && label === '<' + tag + id + ' class="' + raw + '">');
    }
    if (tag !== 'img') return false;
    var src = el.currentSrc || el.src;
    if (src === label) return true;
    if (data) return src.indexOf(data[1]) === 0 && src.length === Number(data[2].replace(/,/g, ''));
    return label.slice(-1) === '\\u2026' && src.indexOf(label.slice(0, -1)) === 0;
  };
  var shadow = function (el) {
    try {
      var dom = typeof chrome !== 'undefined' && chrome.dom;
      return dom && dom.openOrClosedShadowRoot ? dom.openOrClosedShadowRoot(el) : el.shadowRoot;
    } catch (e) { return null; }
  };
  var first = null, count = 0, sawFrame = false;
  var visit = function (root, searching) {
    var all = root.querySelectorAll('*');
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (searching && match(el)) { count++; if (!first) first = el; }
      var sr = shadow(el);
      if (sr) visit(sr, searching);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        var doc = null;
        try { doc = el.contentDocument; } catch (e) {}
        if (doc) visitDocument(doc);
      }
    }
  };
  var restrict = true;
  var visitDocument = function (doc) {
    var here = !q.frameUrl || !restrict || doc.URL === q.frameUrl;
    if (q.frameUrl && doc.URL === q.frameUrl) sawFrame = true;
    visit(doc, here);
  };
  visitDocument(document);
  // The frame navigated since (no document has its URL): search every document rather than none.
  if (q.frameUrl && !sawFrame) { restrict = false; visitDocument(document); }
  if (!first) return 'gone';
  inspect(first);
  return { matches: count };
})`;

/** The evaluated source: our function applied to the query as a JSON string literal. */
export function revealExpression(query: RevealQuery): string {
  return `${MATCH_AND_INSPECT}(${JSON.stringify(JSON.stringify(query))})`;
}
