// One side of a stream JOIN: the events that can still find a partner, bucketed by the hash of their
// equality keys (one bucket when the ON clause has none) and in a heap by expiry, so eviction by the
// watermark pops the oldest first. State is bounded by the JOIN's DATEDIFF bound, not by the stream.
import type { AsaRecord } from '../../types/index.ts';
import { MinHeap } from './min-heap.ts';

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
  private readonly byExpiry = new MinHeap<JoinEntry>();

  get size(): number {
    return this.byExpiry.size;
  }

  add(e: JoinEntry): void {
    if (e.key !== null) {
      const bucket = this.buckets.get(e.key);
      if (bucket === undefined) this.buckets.set(e.key, [e]);
      else bucket.push(e);
    }
    this.byExpiry.push(e, e.expiry);
  }

  /** The entries that may match `key` (all of them when the join has no equality keys). */
  candidates(key: string | null): readonly JoinEntry[] | undefined {
    return key === null ? undefined : this.buckets.get(key);
  }

  /** Removes every entry whose expiry is before `watermark`, oldest first. */
  evict(watermark: number, onEvict: ((e: JoinEntry) => void) | undefined): void {
    const heap = this.byExpiry;
    while (heap.peekKey() < watermark) {
      const e = heap.pop() as JoinEntry;
      if (e.key !== null) {
        const bucket = this.buckets.get(e.key) as JoinEntry[];
        const at = bucket.indexOf(e);
        if (at >= 0) bucket.splice(at, 1);
        if (bucket.length === 0) this.buckets.delete(e.key);
      }
      onEvict?.(e);
    }
  }

  /** Live entries in expiry order (for checkpoints). */
  entries(): readonly JoinEntry[] {
    return this.byExpiry.sorted().map((x) => x.item);
  }
}
