/**
 * Benchmark input: a Node process that builds a realistic object graph of roughly `targetMB` of snapshot text
 * and writes it with v8.writeHeapSnapshot. Run as a child: `node bench/heap-gen.ts <targetMB> <out>` (via tsx).
 *
 * The graph mixes what real heaps hold: class instances with nested objects, arrays of numbers and objects,
 * strings, Maps and Sets, closures over scopes, linked lists, DOM-like trees with parent back-references, and a
 * WeakMap — about 40 heap nodes per "record".
 */
import { writeHeapSnapshot } from 'node:v8';

/** Snapshot bytes per record and of an idle Node heap, measured on Node 20 (the result is "about" the target). */
const BYTES_PER_RECORD = 5_300;
const BASE_BYTES = 4 * 1024 * 1024;

class Customer {
  orders: Order[] = [];
  tags = new Set<string>();
  constructor(
    readonly id: number,
    readonly name: string,
    readonly address: { street: string; city: string; zip: string },
  ) {}
}
class Order {
  next: Order | null = null;
  constructor(
    readonly id: number,
    readonly lines: { sku: string; qty: number; price: number }[],
  ) {}
}
interface TreeNode {
  tag: string;
  parent: TreeNode | null;
  children: TreeNode[];
  attrs: Record<string, string>;
}

function makeRecord(i: number, cities: string[]) {
  const c = new Customer(i, `customer-${i}-${(i * 2654435761) % 1e6}`, {
    street: `${i % 977} Main St`,
    city: cities[i % cities.length],
    zip: String(10000 + (i % 89999)),
  });
  let prev: Order | null = null;
  for (let k = 0; k < 3; k++) {
    const o = new Order(i * 10 + k, [
      { sku: `SKU-${(i + k) % 5000}`, qty: k + 1, price: (i % 100) + 0.99 },
      { sku: `SKU-${(i * 7 + k) % 5000}`, qty: 1, price: 5.5 },
    ]);
    if (prev) prev.next = o;
    prev = o;
    c.orders.push(o);
  }
  c.tags.add(`t${i % 13}`).add(`segment-${i % 7}`);
  const root: TreeNode = { tag: 'div', parent: null, children: [], attrs: { id: `r${i}` } };
  for (let k = 0; k < 3; k++)
    root.children.push({ tag: 'span', parent: root, children: [], attrs: { class: 'x' } });
  const onUpdate = () => c.orders.length + root.children.length;
  return { c, root, onUpdate, samples: [i, i + 0.5, i * 2] };
}

function main() {
  const targetMB = Number(process.argv[2]);
  const out = process.argv[3];
  if (!(targetMB > 0) || !out) throw new Error('usage: heap-gen <targetMB> <out.heapsnapshot>');
  const records = Math.max(1, Math.round((targetMB * 1024 * 1024 - BASE_BYTES) / BYTES_PER_RECORD));
  const cities = Array.from({ length: 500 }, (_, i) => `City ${i}`);
  const store = new Map<number, ReturnType<typeof makeRecord>>();
  const weak = new WeakMap<object, object>();
  for (let i = 0; i < records; i++) {
    const r = makeRecord(i, cities);
    store.set(i, r);
    if (i % 10 === 0) weak.set(r.c, { cached: r.samples.slice() });
  }
  (globalThis as { benchStore?: unknown }).benchStore = { store, weak };
  writeHeapSnapshot(out);
}

main();
