// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import type { Holder, ListenerRec } from '../../../content-script/hook/state.ts';

/** The per-target listener table: flat while small, a Map beyond, same answers either way. */

test('get/set/delete/forEach agree with a Map through the switch from flat to map', async () => {
  const slots = await import('../../../content-script/hook/slots.ts');
  const h = { flat: slots.emptyFlat(), used: 0, map: null } as unknown as Holder;
  const model = new Map<object, ListenerRec>();
  const keys = Array.from({ length: 12 }, () => () => {});
  const rec = (i: number) => ({ id: i }) as ListenerRec;
  let step = 0;
  // A deterministic mix of inserts, overwrites and deletes over 12 keys.
  for (let i = 0; i < 400; i++) {
    const k = keys[(i * 7) % keys.length];
    if (i % 3 === 2) {
      slots.slotDelete(h, k);
      model.delete(k);
    } else {
      const r = rec(step++);
      slots.slotSet(h, k, r);
      model.set(k, r);
    }
    for (const key of keys) expect(slots.slotGet(h, key)).toBe(model.get(key));
    const seen = new Map<object, ListenerRec>();
    slots.slotForEach(h, (first, key) => seen.set(key, first));
    expect(seen).toEqual(model);
  }
  expect(h.map).not.toBeNull(); // more than 4 keys were live at some point
});

test('deleting from the flat table leaves no reference to the removed listener', async () => {
  const slots = await import('../../../content-script/hook/slots.ts');
  const h = { flat: slots.emptyFlat(), used: 0, map: null } as unknown as Holder;
  const a = () => {};
  const b = () => {};
  slots.slotSet(h, a, { id: 1 } as ListenerRec);
  slots.slotSet(h, b, { id: 2 } as ListenerRec);
  slots.slotDelete(h, a);
  slots.slotDelete(h, b);
  expect(h.flat!.every((x) => x === null)).toBe(true);
  expect(h.used).toBe(0);
});
