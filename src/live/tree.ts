import type { Callsite, EdgeKind, Hop, Reach } from './types.ts';

/** One object reached by the search: `parent` holds it through `edge` (parent -1: a root). */
export interface Discovery {
  id: number;
  parent: number;
  edge: string;
  kind: EdgeKind;
}

/** An edge from `from` into `to`, an object a root of another holder class reached first. */
export interface CrossEdge {
  from: number;
  to: number;
  kind: EdgeKind;
  edge: string;
}

/** How a root is labelled: `holder` keeps the root object through `edge` (e.g. window → 'resize' listener). */
export interface RootLabel {
  holder: string;
  edge: string;
  kind: EdgeKind;
}

/**
 * The BFS tree of the live search, kept on our side: each object's first (hence shortest) parent, the edge, a label.
 * Ids are assigned in discovery order, so a parent's id is always smaller than its children's.
 */
export class RetainerTree {
  private readonly parent: number[] = [];
  private readonly edge: string[] = [];
  private readonly kind: EdgeKind[] = [];
  private readonly label: string[] = [];
  private readonly bytes: number[] = [];
  private readonly roots = new Map<number, RootLabel>();
  private readonly callsites = new Map<number, Callsite>();
  /** Every target node reached, by target group: [target, object id], in discovery order. */
  readonly hits = new Map<number, Array<[number, number]>>();
  /** Scope a closure variable was read from (`Closure (replaceThing)`), by the object it holds. */
  private readonly scopes = new Map<number, string>();
  /** Second-holder edges, by the object they lead into. */
  readonly crossInto = new Map<number, CrossEdge[]>();

  get size(): number {
    return this.roots.size + this.parent.filter((p) => p !== undefined && p >= 0).length;
  }

  add(d: Discovery, root?: RootLabel): void {
    this.parent[d.id] = d.parent;
    this.edge[d.id] = d.edge;
    this.kind[d.id] = d.kind;
    if (d.parent < 0 && root) this.roots.set(d.id, root);
  }

  addHit(group: number, target: number, id: number): void {
    const list = this.hits.get(group);
    if (list) list.push([target, id]);
    else this.hits.set(group, [[target, id]]);
  }

  addCross(c: CrossEdge): void {
    const list = this.crossInto.get(c.to);
    if (list) list.push(c);
    else this.crossInto.set(c.to, [c]);
  }

  setScope(id: number, scope: string): void {
    this.scopes.set(id, scope);
  }

  /** The function whose scope held the closure variable that reached `id` (`replaceThing`), when known. */
  scopeFunctionOf(id: number): string | null {
    const m = /^Closure \((.+)\)$/.exec(this.scopes.get(id) ?? '');
    return m ? m[1] : null;
  }

  /** Byte estimate of everything below `id` in the BFS tree, `id` included (children have larger ids). */
  subtreeBytes(id: number): number {
    let total = 0;
    const inside = new Set([id]);
    for (let c = id; c < this.parent.length; c++) {
      if (c !== id && !inside.has(this.parent[c])) continue;
      inside.add(c);
      total += this.bytes[c] ?? 0;
    }
    return total;
  }

  has(id: number): boolean {
    return this.parent[id] !== undefined;
  }

  setLabel(id: number, label: string): void {
    this.label[id] = label;
  }

  labelOf(id: number): string {
    return this.label[id] ?? 'Object';
  }

  addBytes(id: number, bytes: number): void {
    this.bytes[id] = (this.bytes[id] ?? 0) + bytes;
  }

  setCallsite(id: number, c: Callsite): void {
    this.callsites.set(id, c);
  }

  callsiteOf(id: number): Callsite | null {
    return this.callsites.get(id) ?? null;
  }

  /** The object that first reached `id` (null for roots and unknown ids). */
  parentOf(id: number): number | null {
    const p = this.parent[id];
    return p === undefined || p < 0 ? null : p;
  }

  edgeOf(id: number): string {
    return this.edge[id] ?? '';
  }

  kindOf(id: number): EdgeKind | null {
    return this.kind[id] ?? null;
  }

  /** Ids of objects reached through a closure variable (for the closure-chain data). */
  *closureVariableIds(): Generator<number> {
    for (let id = 0; id < this.kind.length; id++) if (this.kind[id] === 'closure-variable') yield id;
  }

  rootOf(id: number): number {
    let cur = id;
    while (this.parent[cur] !== undefined && this.parent[cur] >= 0) cur = this.parent[cur];
    return cur;
  }

  rootLabel(rootId: number): RootLabel | null {
    return this.roots.get(rootId) ?? null;
  }

  /** Ids from the root down to `id`. */
  path(id: number): number[] {
    const ids: number[] = [];
    let cur = id;
    while (cur !== undefined && cur >= 0 && this.parent[cur] !== undefined) {
      ids.push(cur);
      cur = this.parent[cur];
    }
    return ids.reverse();
  }

  /** The chain from the root to `id` as hops; `targetLabel` overrides the last object's label. */
  chain(id: number, targetLabel?: string): Hop[] {
    const ids = this.path(id);
    if (ids.length === 0) return [];
    const hops: Hop[] = [];
    const root = this.roots.get(ids[0]);
    const name = (i: number) => (i === ids.length - 1 && targetLabel ? targetLabel : this.labelOf(ids[i]));
    hops.push({
      holder: root?.holder ?? '(root)',
      edge: root?.edge ?? '',
      edgeKind: root?.kind ?? 'internal',
      object: name(0),
    });
    for (let i = 1; i < ids.length; i++) {
      hops.push({
        holder: name(i - 1),
        edge: this.edge[ids[i]],
        edgeKind: this.kind[ids[i]],
        object: name(i),
      });
    }
    return hops;
  }

  /** Callsite of the function whose closure holds the last closure variable on the path, else the first function. */
  chainCallsite(id: number): Callsite | null {
    const ids = this.path(id);
    for (let i = ids.length - 1; i > 0; i--) {
      if (this.kind[ids[i]] === 'closure-variable') {
        const c = this.callsites.get(ids[i - 1]);
        if (c) return c;
      }
    }
    for (const i of ids) {
      const c = this.callsites.get(i);
      if (c) return c;
    }
    return null;
  }

  /** Objects and byte estimates first reached from each root (children are summed into parents, newest first). */
  reachByRoot(): Map<number, Reach> {
    const objects: number[] = [];
    const bytes: number[] = [];
    for (let id = this.parent.length - 1; id >= 0; id--) {
      const p = this.parent[id];
      if (p === undefined) continue;
      objects[id] = (objects[id] ?? 0) + 1;
      bytes[id] = (bytes[id] ?? 0) + (this.bytes[id] ?? 0);
      if (p >= 0) {
        objects[p] = (objects[p] ?? 0) + objects[id];
        bytes[p] = (bytes[p] ?? 0) + bytes[id];
      }
    }
    const out = new Map<number, Reach>();
    for (const r of this.roots.keys()) out.set(r, { objects: objects[r] ?? 0, bytes: bytes[r] ?? 0 });
    return out;
  }
}
