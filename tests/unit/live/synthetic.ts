/** A synthetic object graph and an Explorer over it with the page's semantics (ids in discovery order, no revisits). */
import type { Explorer, LevelResult } from '../../../src/live/bfs.ts';
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

  constructor(
    private readonly graph: Graph,
    private readonly roots: Array<{ node: string; holder: string; edge: string; kind: EdgeKind }>,
    private readonly targets: Map<string, number>,
  ) {}

  frontierSize(): number {
    return this.frontier.length;
  }

  private visit(
    node: string,
    parent: number,
    edge: string,
    kind: EdgeKind,
    out: LevelResult,
    next: string[],
  ): void {
    if (this.idOf.has(node)) return;
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
