// Joined rows waiting for the watermark: a JOIN emits in event-time order, so a result is held until
// the output watermark reaches its timestamp, then sent with the others of that moment sorted by time.
import type { AsaRecord } from '../../types/index.ts';
import type { EventBatch } from '../event-batch.ts';
import type { JoinedRow } from './joined-row.ts';

export class JoinOutputQueue {
  private rows: JoinedRow[] = [];
  private ts: number[] = [];

  get length(): number {
    return this.rows.length;
  }

  push(row: JoinedRow, ts: number): void {
    this.rows.push(row);
    this.ts.push(ts);
  }

  /** The rows with time ≤ `upTo`, as one batch sorted by time (stable), or undefined. */
  take(upTo: number): EventBatch | undefined {
    const n = this.rows.length;
    if (n === 0) return undefined;
    const order: number[] = [];
    const keepRows: JoinedRow[] = [];
    const keepTs: number[] = [];
    for (let i = 0; i < n; i++) {
      if ((this.ts[i] as number) <= upTo) order.push(i);
      else {
        keepRows.push(this.rows[i] as JoinedRow);
        keepTs.push(this.ts[i] as number);
      }
    }
    if (order.length === 0) return undefined;
    order.sort((a, b) => (this.ts[a] as number) - (this.ts[b] as number) || a - b);
    const joined: JoinedRow[] = new Array<JoinedRow>(order.length);
    const rows: AsaRecord[] = new Array<AsaRecord>(order.length);
    const times = new Float64Array(order.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const row = this.rows[i] as JoinedRow;
      joined[k] = row;
      rows[k] = (row.rows[0] ?? {}) as AsaRecord;
      times[k] = this.ts[i] as number;
    }
    this.rows = keepRows;
    this.ts = keepTs;
    return { length: order.length, rows, times, origin: undefined, originIndex: undefined, joined };
  }

  /** Everything queued, for checkpoints. */
  snapshot(): { rows: JoinedRow[]; ts: number[] } {
    return { rows: this.rows.slice(), ts: this.ts.slice() };
  }

  restore(rows: readonly JoinedRow[], ts: readonly number[]): void {
    this.rows = rows.slice();
    this.ts = ts.slice();
  }
}
