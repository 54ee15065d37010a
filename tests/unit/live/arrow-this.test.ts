import { expect, test } from 'vitest';
import { looksLikeArrowUsingThis } from '../../../src/live/arrow-this.ts';

test('only arrow functions that mention `this` are candidates', () => {
  expect(looksLikeArrowUsingThis('() => this.tick()')).toBe(true);
  expect(looksLikeArrowUsingThis('async (t) => { await this.poll(t); }')).toBe(true);
  expect(looksLikeArrowUsingThis('x => this.step(x)')).toBe(true);
  expect(looksLikeArrowUsingThis('() => tick()')).toBe(false);
  expect(looksLikeArrowUsingThis('function () { return this.x; }')).toBe(false);
  expect(looksLikeArrowUsingThis('tick() { this.n++; }')).toBe(false);
});
