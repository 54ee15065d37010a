/**
 * Reads the node selected in Elements (`$0`) in Leakscope's isolated world, where the DOM's built-ins are
 * pristine and the page cannot see the lookup. It returns only short strings: the node's labels in the forms
 * the page hook (`<div#id.a.b>`) and the scan's chains (`<div id="id" class="a b">`) use, its document's URL,
 * whether it is in the document, and the event types DevTools' getEventListeners() reports for it.
 */
export interface SelectedNode {
  kind: 'element' | 'document' | 'window' | 'node' | 'none';
  /** The page hook's label for it (matches LiveListener.target). */
  listenerLabel: string;
  /** The labels a scan's retainer chain gives it (normalized and raw class attribute). */
  chainLabels: string[];
  frameUrl: string;
  connected: boolean;
  /** What DevTools itself sees registered on it (types and options), also listeners the hook did not record. */
  devtoolsListeners: { type: string; capture: boolean; once: boolean; passive: boolean }[];
}

export const SELECTED_NODE_EXPRESSION = `(function () {
  var el = typeof $0 === 'undefined' ? null : $0;
  if (!el) return { kind: 'none', listenerLabel: '', chainLabels: [], frameUrl: '', connected: false, devtoolsListeners: [] };
  var type = el.nodeType;
  var kind = type === 1 ? 'element' : type === 9 ? 'document' : 'node';
  var cut = function (s, max) { return s.length > max ? s.slice(0, max - 1) + '\\u2026' : s; };
  var listenerLabel = kind === 'document' ? (el === document ? 'document' : '#document') : '#' + String(el.nodeName);
  var chainLabels = [];
  if (kind === 'element') {
    var tag = el.localName, id = el.id, raw = el.getAttribute('class');
    var classes = raw ? raw.split(/[ \\t\\n\\r\\f]+/).filter(function (c) { return c; }) : [];
    var s = tag + (id ? '#' + cut(id, 60) : '') + classes.map(function (c) { return '.' + c; }).join('');
    listenerLabel = cut('<' + cut(s, 298) + '>', 300);
    var idPart = id ? ' id="' + id + '"' : '';
    chainLabels.push('<' + tag + idPart + (classes.length ? ' class="' + classes.join(' ') + '"' : '') + '>');
    if (raw !== null) chainLabels.push('<' + tag + idPart + ' class="' + raw + '">');
  }
  var found = [];
  try {
    var map = getEventListeners(el) || {};
    Object.keys(map).forEach(function (t) {
      (map[t] || []).forEach(function (l) {
        found.push({ type: String(t), capture: !!l.useCapture, once: !!l.once, passive: !!l.passive });
      });
    });
  } catch (e) {}
  var doc = el.ownerDocument || el;
  return {
    kind: kind,
    listenerLabel: listenerLabel,
    chainLabels: chainLabels,
    frameUrl: String(doc.URL || ''),
    connected: !!el.isConnected,
    devtoolsListeners: found.slice(0, 200)
  };
})()`;
