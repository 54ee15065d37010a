/**
 * Finding a page element in the tree `DOM.getDocument({depth: -1, pierce: true})` returns, and the path that
 * leads to it from the top document: element-child indexes, with `frame` (into a same-origin iframe's document)
 * and `shadow` (into a shadow root) steps. A path is numbers and two fixed words — no page string — so it can be
 * handed to code that runs in the page without any risk of injection. Pure; unit-tested.
 */
import { domNodeLabel, nodeLabel } from '../../src/live/labels.ts';

/** The parts of a CDP `DOM.Node` read here. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
  documentURL?: string;
}

export type PathStep = number | 'frame' | 'shadow';

export interface Located {
  backendNodeId: number;
  path: PathStep[];
  /** The element's local name, checked again in the page before revealing (the DOM may change meanwhile). */
  localName: string;
}

function attribute(n: DomNode, name: string): string | null {
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return null;
}

/** `.a.b` from a class attribute, as the hook writes it (runs of whitespace separate names). */
function classSuffix(cls: string): string {
  return cls
    .split(/[ \t\n\r\f]+/)
    .filter(Boolean)
    .map((c) => `.${c}`)
    .join('');
}

/** The hook's label for an element: `<div#id.a.b>` (see content-script/hook/describe.ts). */
export function elementLabel(n: DomNode): string {
  let s = n.localName || n.nodeName.toLowerCase();
  const id = attribute(n, 'id');
  if (id) s += `#${id}`;
  const cls = attribute(n, 'class');
  if (cls) s += classSuffix(cls);
  return `<${s}>`;
}

/**
 * Whether an element's full label matches a label the hook may have shortened: it cuts long ids to 60 and
 * whole labels to its string cap, ending them with `…` — a shortened label matches every element it begins.
 */
export function labelMatches(full: string, shown: string): boolean {
  if (full === shown) return true;
  if (!shown.includes('…')) return false;
  // Every `…` stands for a cut: the parts between them must appear in order.
  let at = 0;
  for (const part of shown.replace(/>$/, '').split('…')) {
    const i = full.indexOf(part, at);
    if (i < 0 || (at === 0 && i !== 0)) return false;
    at = i + part.length;
  }
  return true;
}

/**
 * Every element of the tree for which `match` holds, in document order, with its path; `frameUrl` restricts
 * the search to documents with that URL (a listener's frame) when any has it. Stops after `limit` finds.
 */
export function findElements(
  root: DomNode,
  match: (n: DomNode, documentURL: string) => boolean,
  frameUrl: string | null = null,
  limit = 50,
): Located[] {
  const docs: { doc: DomNode; path: PathStep[] }[] = [];
  const all: Located[] = [];
  const walk = (n: DomNode, path: PathStep[], url: string, collect: Located[]) => {
    if (collect.length >= limit) return;
    if (n.nodeType === 9) {
      docs.push({ doc: n, path });
      url = n.documentURL ?? url;
    }
    let element = 0;
    for (const c of n.children ?? []) {
      if (c.nodeType !== 1) continue;
      const p = [...path, element++];
      if (match(c, url))
        collect.push({ backendNodeId: c.backendNodeId, path: p, localName: elementLabelName(c) });
      for (const s of c.shadowRoots ?? []) walk(s, [...p, 'shadow'], url, collect);
      if (c.contentDocument) walk(c.contentDocument, [...p, 'frame'], url, collect);
      walk(c, p, url, collect);
    }
  };
  walk(root, [], '', all);
  if (frameUrl === null) return all;
  const inFrame = docs.filter((d) => d.doc.documentURL === frameUrl);
  if (!inFrame.length) return all;
  const found: Located[] = [];
  for (const d of inFrame) {
    const mark = all.filter((l) => startsWith(l.path, d.path) && !crossesDocument(l.path, d.path.length));
    found.push(...mark);
  }
  return found;
}

/**
 * Whether an `<img>` shows the image the scan labelled: its `src` or a `srcset` candidate, resolved against its
 * document, is the label's URL — or begins it, for labels the scan shortened (`data:image/png;base64,… (N chars)`,
 * long URLs cut to 197 characters and `…`).
 */
export function imageMatches(n: DomNode, documentURL: string, label: string): boolean {
  if ((n.localName || n.nodeName.toLowerCase()) !== 'img') return false;
  const urls: string[] = [];
  const src = attribute(n, 'src');
  if (src) urls.push(src);
  for (const part of (attribute(n, 'srcset') ?? '').split(',')) {
    const u = part.trim().split(/\s+/)[0];
    if (u) urls.push(u);
  }
  const data = /^(data:[^…]*)… \(([\d,]+) chars\)$/.exec(label);
  for (const raw of urls) {
    let url = raw.trim();
    try {
      url = new URL(url, documentURL || undefined).href;
    } catch {}
    if (url === label) return true;
    if (data && url.startsWith(data[1]) && url.length === Number(data[2].replace(/,/g, ''))) return true;
    if (!data && label.endsWith('…') && url.startsWith(label.slice(0, -1))) return true;
  }
  return false;
}

/**
 * Whether an element has the label the live scan gave a chain hop: `<div id="main" class="a b">`, built either
 * from CDP's object description (`div#main.a.b`, see src/live/labels.ts) or from the DOM node's attributes.
 */
export function chainLabelMatches(n: DomNode, label: string): boolean {
  const tag = elementLabelName(n);
  const id = attribute(n, 'id');
  const cls = attribute(n, 'class');
  if (label === domNodeLabel({ nodeName: tag, attributes: n.attributes })) return true;
  const description = `${tag}${id ? `#${id}` : ''}${cls ? classSuffix(cls) : ''}`;
  return label === nodeLabel(description);
}

function elementLabelName(n: DomNode): string {
  return n.localName || n.nodeName.toLowerCase();
}

function startsWith(path: PathStep[], prefix: PathStep[]): boolean {
  return prefix.every((s, i) => path[i] === s);
}

/** True when the path enters another frame's document after `from` (the element is in a nested frame). */
function crossesDocument(path: PathStep[], from: number): boolean {
  return path.slice(from).includes('frame');
}
