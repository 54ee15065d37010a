/**
 * A generated page for the live-scan benchmark: `objects` plain objects reachable from globals, `closures` closures
 * (each with its own context), `listeners` listeners on live buttons (closures too), and `trees` detached DOM trees
 * held in four different ways, at different depths.
 */
export interface PageSize {
  objects: number;
  closures: number;
  listeners: number;
  trees: number;
}

export function generatePage(size: PageSize): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>scan bench</title></head><body>
<div id="buttons"></div><div id="host"></div>
<script>
(function () {
  const N = ${size.objects}, C = ${size.closures}, L = ${size.listeners}, T = ${size.trees};
  function detachedTree(k) {
    const root = document.createElement('div');
    root.className = 'widget';
    root.id = 'w' + k;
    root.innerHTML = '<header><h3>Widget ' + k + '</h3></header><ul>' + '<li><a href="#">item</a></li>'.repeat(8) + '</ul>';
    document.getElementById('host').appendChild(root);
    root.remove();
    return root;
  }
  // Plain data: records of ~5 objects each (record, meta, tags array, owner, address).
  const perRecord = 5;
  const records = [];
  for (let i = 0; i < Math.floor(N / perRecord); i++) {
    records.push({ id: i, name: 'user' + i, meta: { tags: ['a', 'b', i], created: i }, owner: { id: i % 97, address: { city: 'c' + (i % 50) } } });
  }
  window.store = { records, byShard: [] };
  for (let s = 0; s < 10; s++) window.store.byShard.push(records.filter((_, i) => i % 10 === s));
  // Closures, each with its own context object.
  function makeHandler(i) {
    const ctx = { i, view: null, cache: { hits: 0 } };
    return function handle() { ctx.cache.hits++; return ctx.i + (ctx.view ? 1 : 0); };
  }
  window.handlerList = [];
  for (let i = 0; i < C; i++) window.handlerList.push(makeHandler(i));
  // Live buttons with one listener each.
  const box = document.getElementById('buttons');
  for (let i = 0; i < L; i++) {
    const b = document.createElement('button');
    b.textContent = 'b' + i;
    const state = { i, pressed: 0 };
    b.addEventListener('click', function onClick() { state.pressed++; });
    box.appendChild(b);
  }
  // Detached trees, held four ways.
  const viewCache = new Map();
  window.__leakRoots = { lexical: viewCache };
  for (let k = 0; k < T; k++) {
    const el = detachedTree(k);
    switch (k % 4) {
      case 0: { // listener closure on a live button
        const btn = box.children[k % Math.max(1, L)] || box;
        btn.addEventListener('mouseenter', function onHover() { el.title = 'x'; });
        break;
      }
      case 1: { // a closure's context, deep in the closure list
        const h = makeHandler(-k);
        window.handlerList[(k * 7919) % Math.max(1, C)] = h;
        h.__view = el;
        break;
      }
      case 2: // a Map entry
        viewCache.set('view-' + k, { el });
        break;
      case 3: // deep in the data
        records[(k * 104729) % records.length].owner.address.pin = { el };
        break;
    }
  }
})();
</script></body></html>`;
}
