/** A bounded series of (time, value) samples: the counters' history behind the Overview charts. */
export class TimeSeries {
  readonly times: number[] = [];
  readonly values: number[] = [];

  constructor(readonly capacity = 600) {}

  push(time: number, value: number): void {
    this.times.push(time);
    this.values.push(value);
    if (this.times.length > this.capacity) {
      this.times.shift();
      this.values.shift();
    }
  }

  get last(): number | null {
    return this.values.length ? this.values[this.values.length - 1] : null;
  }

  /**
   * Change over the window [last - ms, last], and the span the samples really cover (shorter while the
   * history is young); null with fewer than two samples in the window.
   */
  changeOver(ms: number): { delta: number; spanMs: number } | null {
    const n = this.times.length;
    if (n < 2) return null;
    const since = this.times[n - 1] - ms;
    let i = n - 1;
    while (i > 0 && this.times[i - 1] >= since) i--;
    if (i === n - 1) return null;
    return { delta: this.values[n - 1] - this.values[i], spanMs: this.times[n - 1] - this.times[i] };
  }

  clear(): void {
    this.times.length = 0;
    this.values.length = 0;
  }
}
