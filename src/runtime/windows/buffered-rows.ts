// Rows kept by the windows that must see their events in time order (sliding and session windows):
// a copy of the row's slots and its event time. Rows wait here until the watermark passes them; then
// every row before the watermark has arrived and they can be taken in time order.
import type { AsaRecord } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';

export interface BufferedRow {
  readonly t: number;
  readonly slots: readonly (AsaRecord | null)[];
  /** Arrival order, to keep equal times stable. */
  readonly seq: number;
}

export class RowBuffer {
  private rows: BufferedRow[] = [];
  private seq = 0;

  add(ctx: EvalContext): void {
    this.rows.push({ t: ctx.timeMs, slots: ctx.slots.slice(), seq: this.seq++ });
  }

  /** Removes and returns the rows before `ms`, in time order. */
  takeBefore(ms: number): BufferedRow[] {
    const due: BufferedRow[] = [];
    const keep: BufferedRow[] = [];
    for (const r of this.rows) (r.t < ms ? due : keep).push(r);
    this.rows = keep;
    return due.sort((a, b) => a.t - b.t || a.seq - b.seq);
  }

  get size(): number {
    return this.rows.length;
  }
}

/** Puts a buffered row back into the context (slots and time). */
export function restoreRow(ctx: EvalContext, row: BufferedRow): void {
  for (let i = 0; i < row.slots.length; i++) ctx.slots[i] = row.slots[i] ?? null;
  ctx.timeMs = row.t;
  ctx.origin = undefined;
}
