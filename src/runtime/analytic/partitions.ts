// Per-partition state of one analytic call: one state without PARTITION BY, else a map by key. A
// partition is created only when an event enters its history, and swept once nothing in it can be
// seen again, so memory follows the keys active within LIMIT DURATION, not the stream.
export class Partitions<S> {
  private map = new Map<string, S>();
  private single: S | undefined = undefined;
  private readonly keyed: boolean;

  constructor(keyed: boolean) {
    this.keyed = keyed;
  }

  get(key: string): S | undefined {
    return this.keyed ? this.map.get(key) : this.single;
  }

  set(key: string, state: S): void {
    if (this.keyed) this.map.set(key, state);
    else this.single = state;
  }

  /** Drops every partition for which `dead` holds. */
  sweep(dead: (s: S) => boolean): void {
    if (!this.keyed) {
      if (this.single !== undefined && dead(this.single)) this.single = undefined;
      return;
    }
    for (const [k, s] of this.map) if (dead(s)) this.map.delete(k);
  }

  forEach(f: (s: S) => void): void {
    if (!this.keyed) {
      if (this.single !== undefined) f(this.single);
      return;
    }
    for (const s of this.map.values()) f(s);
  }

  get size(): number {
    return this.keyed ? this.map.size : this.single === undefined ? 0 : 1;
  }

  checkpoint(): Readonly<Record<string, unknown>> {
    return this.keyed ? { map: this.map } : { single: this.single ?? null };
  }

  restore(state: Readonly<Record<string, unknown>>): void {
    if (this.keyed) this.map = new Map(state['map'] as Map<string, S>);
    else this.single = (state['single'] as S | null) ?? undefined;
  }
}

/**
 * Sweeps at most every half duration (at least every second of event time): a sweep visits every
 * partition, so doing it on each watermark would cost O(keys) per batch; this keeps memory within
 * 1.5 × LIMIT DURATION of history.
 */
export class SweepClock {
  private last = -Infinity;
  private readonly every: number;

  constructor(durationMs: number) {
    this.every = Math.max(durationMs / 2, 1000);
  }

  due(ms: number): boolean {
    if (ms - this.last < this.every) return false;
    this.last = ms;
    return true;
  }
}
