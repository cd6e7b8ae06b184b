// Joined rows waiting for the watermark: a JOIN emits in event-time order, so a result is held until
// the output watermark reaches its timestamp, then sent with the others of that moment sorted by time
// (equal times in the order they were found). A heap, because results are found in the order the input
// partitions are read, not in time order, and each batch only pops what is due.
import type { AsaRecord } from '../../types/index.ts';
import type { EventBatch } from '../event-batch.ts';
import type { JoinedRow } from './joined-row.ts';
import { MinHeap } from './min-heap.ts';

export class JoinOutputQueue {
  private heap = new MinHeap<JoinedRow>();

  get length(): number {
    return this.heap.size;
  }

  push(row: JoinedRow, ts: number): void {
    this.heap.push(row, ts);
  }

  /** The rows with time ≤ `upTo`, as one batch sorted by time (stable), or undefined. */
  take(upTo: number): EventBatch | undefined {
    const heap = this.heap;
    if (heap.peekKey() > upTo) return undefined;
    const joined: JoinedRow[] = [];
    const rows: AsaRecord[] = [];
    const ts: number[] = [];
    while (heap.size > 0 && heap.peekKey() <= upTo) {
      ts.push(heap.peekKey());
      const row = heap.pop() as JoinedRow;
      joined.push(row);
      rows.push((row.rows[0] ?? {}) as AsaRecord);
    }
    return { length: joined.length, rows, times: Float64Array.from(ts), origin: undefined, originIndex: undefined, joined };
  }

  /** Everything queued, in output order, for checkpoints. */
  snapshot(): { rows: JoinedRow[]; ts: number[] } {
    const all = this.heap.sorted();
    return { rows: all.map((x) => x.item), ts: all.map((x) => x.key) };
  }

  restore(rows: readonly JoinedRow[], ts: readonly number[]): void {
    this.heap = new MinHeap<JoinedRow>();
    rows.forEach((r, i) => this.heap.push(r, ts[i] as number));
  }
}
