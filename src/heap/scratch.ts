/**
 * Reusable `Uint32Array(size)` work buffers. Passes borrow them and give them back, so the transient memory of
 * the whole analysis is allocated once: freshly allocated typed arrays would linger as garbage until a major GC
 * (the JS heap itself barely grows, so V8 has little reason to collect), raising the peak.
 */
export class Scratch {
  private readonly free: Uint32Array[] = [];
  constructor(readonly size: number) {}

  /** A zero-filled buffer of `size` elements. */
  take(): Uint32Array {
    const a = this.free.pop();
    if (!a) return new Uint32Array(this.size);
    a.fill(0);
    return a;
  }

  give(...arrays: Uint32Array[]): void {
    for (const a of arrays) if (a.length === this.size) this.free.push(a);
  }
}

/** The scratch to use: the caller's, or a private one when a pass runs alone (tests). */
export function scratchFor(nodeCount: number, scratch?: Scratch): Scratch {
  return scratch && scratch.size === nodeCount + 1 ? scratch : new Scratch(nodeCount + 1);
}
