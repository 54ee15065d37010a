/** A synthetic object graph and an Explorer over it with the page's semantics (ids in discovery order, no revisits). */
import type { Explorer, LevelResult } from '../../../src/live/bfs.ts';
import { CALLBACK_CLASSES, holderClassOf } from '../../../src/live/page-functions.ts';
import type { EdgeKind } from '../../../src/live/types.ts';

export interface GEdge {
  to: string;
  name: string;
  kind?: EdgeKind;
}
export type Graph = Record<string, GEdge[]>;

export class GraphExplorer implements Explorer {
  readonly idOf = new Map<string, number>();
  readonly nameOf: string[] = [];
  expansions = 0;
  private frontier: string[] = [];
  /** Holder class of each node (that of the root that reached it first), as the page keeps it. */
  private readonly classOf = new Map<string, number>();
  private rootClass = 0;

  constructor(
    private readonly graph: Graph,
    private readonly roots: Array<{ node: string; holder: string; edge: string; kind: EdgeKind }>,
    private readonly targets: Map<string, number>,
  ) {}

  frontierSize(): number {
    return this.frontier.length;
  }

  restricted = false;
  async restrictToCallbacks(): Promise<void> {
    this.restricted = true;
    this.frontier = this.frontier.filter((n) => CALLBACK_CLASSES.includes(this.classOf.get(n)!));
  }

  private visit(
    node: string,
    parent: number,
    edge: string,
    kind: EdgeKind,
    out: LevelResult,
    next: string[],
  ): void {
    const seen = this.idOf.get(node);
    if (seen !== undefined) {
      // As the page: an edge from one holder class into an object another class reached first is a cross record.
      const from = parent >= 0 ? this.nameOf[parent] : null;
      if (from !== null && this.classOf.get(from) !== this.classOf.get(node)) {
        out.cross = out.cross ?? [];
        out.cross.push({ from: parent, to: seen, kind, edge });
      }
      return;
    }
    this.classOf.set(node, parent < 0 ? this.rootClass : this.classOf.get(this.nameOf[parent])!);
    const id = this.nameOf.length;
    this.idOf.set(node, id);
    this.nameOf.push(node);
    out.discovered.push({ id, parent, edge, kind });
    out.labels.push([id, node]);
    const t = this.targets.get(node);
    if (t !== undefined) out.found.push([t, id]);
    next.push(node);
  }

  private empty(): LevelResult {
    return { discovered: [], found: [], labels: [], bytes: [], callsites: [], truncated: false };
  }

  async seed(maxObjects: number): Promise<LevelResult> {
    const out = this.empty();
    out.roots = new Map();
    const next: string[] = [];
    for (const r of this.roots) {
      if (out.discovered.length >= maxObjects) {
        out.truncated = true;
        break;
      }
      const before = out.discovered.length;
      this.rootClass = holderClassOf(r.kind);
      this.visit(r.node, -1, r.edge, r.kind, out, next);
      if (out.discovered.length > before)
        out.roots.set(out.discovered[before].id, { holder: r.holder, edge: r.edge, kind: r.kind });
    }
    this.frontier = next;
    return out;
  }

  async next(maxObjects: number): Promise<LevelResult> {
    const out = this.empty();
    const next: string[] = [];
    for (const node of this.frontier) {
      this.expansions++;
      out.bytes.push([this.idOf.get(node)!, 10]);
      for (const e of this.graph[node] ?? []) {
        if (out.discovered.length >= maxObjects) {
          out.truncated = true;
          break;
        }
        this.visit(e.to, this.idOf.get(node)!, e.name, e.kind ?? 'property', out, next);
      }
    }
    this.frontier = next;
    return out;
  }
}
