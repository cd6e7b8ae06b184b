// One side of a stream JOIN: the events that can still find a partner, bucketed by the hash of their
// equality keys (one bucket when the ON clause has none) and kept in order of expiry, so eviction by the
// watermark pops from the front. State is bounded by the JOIN's DATEDIFF bound, not by the stream.
import type { AsaRecord } from '../../types/index.ts';

export interface JoinEntry {
  /** The side's FROM slots (one for a plain source; several for the left of a three-way join). */
  readonly rows: readonly (AsaRecord | null)[];
  readonly times: readonly number[];
  /** The side's event time (System.Timestamp() of a joined left row). */
  readonly t: number;
  /** Hash of the equality keys; null when a key is NULL (NULL = x is never true). */
  readonly key: string | null;
  /** Evicted once the watermark passes this. */
  readonly expiry: number;
  matched: boolean;
}

export class JoinBuffer {
  private readonly buckets = new Map<string, JoinEntry[]>();
  private byExpiry: JoinEntry[] = [];
  private head = 0;

  get size(): number {
    return this.byExpiry.length - this.head;
  }

  add(e: JoinEntry): void {
    if (e.key !== null) {
      const bucket = this.buckets.get(e.key);
      if (bucket === undefined) this.buckets.set(e.key, [e]);
      else bucket.push(e);
    }
    // Events come nearly in time order, so the sorted insert is almost always an append.
    const list = this.byExpiry;
    let i = list.length;
    while (i > this.head && (list[i - 1] as JoinEntry).expiry > e.expiry) i--;
    if (i === list.length) list.push(e);
    else list.splice(i, 0, e);
  }

  /** The entries that may match `key` (all of them when the join has no equality keys). */
  candidates(key: string | null): readonly JoinEntry[] | undefined {
    return key === null ? undefined : this.buckets.get(key);
  }

  /** Removes every entry whose expiry is before `watermark`, oldest first. */
  evict(watermark: number, onEvict: ((e: JoinEntry) => void) | undefined): void {
    const list = this.byExpiry;
    while (this.head < list.length && (list[this.head] as JoinEntry).expiry < watermark) {
      const e = list[this.head++] as JoinEntry;
      if (e.key !== null) {
        const bucket = this.buckets.get(e.key) as JoinEntry[];
        const at = bucket.indexOf(e);
        if (at >= 0) bucket.splice(at, 1);
        if (bucket.length === 0) this.buckets.delete(e.key);
      }
      onEvict?.(e);
    }
    if (this.head > 1024 && this.head * 2 > list.length) {
      this.byExpiry = list.slice(this.head);
      this.head = 0;
    }
  }

  /** Live entries in expiry order (for checkpoints). */
  entries(): readonly JoinEntry[] {
    return this.byExpiry.slice(this.head);
  }
}
