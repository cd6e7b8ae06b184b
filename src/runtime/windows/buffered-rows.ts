// Rows kept by the windows that must see their events in time order (sliding and session windows):
// a copy of the row's slots and its event time. Rows wait here until the watermark passes them; then
// every row before the watermark has arrived and they can be taken in time order.
import type { AsaRecord } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { OriginSnapshots } from './origin-snapshots.ts';

export interface BufferedRow {
  readonly t: number;
  readonly slots: readonly (AsaRecord | null)[];
  /** Arrival order, to keep equal times stable. */
  readonly seq: number;
}

export class RowBuffer {
  private rows: BufferedRow[] = [];
  private seq = 0;
  private readonly origins: OriginSnapshots | undefined;

  constructor(origins?: OriginSnapshots) {
    this.origins = origins;
  }

  add(ctx: EvalContext): void {
    const slots = ctx.slots.slice();
    this.origins?.keep(slots, ctx);
    this.rows.push({ t: ctx.timeMs, slots, seq: this.seq++ });
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

  /** Checkpoint state: the waiting rows (plain objects) and the arrival counter. */
  save(): { rows: BufferedRow[]; seq: number } {
    return { rows: this.rows, seq: this.seq };
  }

  load(state: { rows: readonly BufferedRow[]; seq: number }): void {
    this.rows = state.rows.map((r) => ({ t: r.t, slots: r.slots.slice(), seq: r.seq }));
    this.seq = state.seq;
  }
}

/** A rough heap size of one kept row: the row object, its slots copy and the event it points to. */
export const ROW_BYTES = 240;

/** Puts a buffered row back into the context (slots, time and, when kept, its input metadata). */
export function restoreRow(ctx: EvalContext, row: BufferedRow, origins?: OriginSnapshots): void {
  for (let i = 0; i < row.slots.length; i++) ctx.slots[i] = row.slots[i] ?? null;
  ctx.timeMs = row.t;
  if (origins === undefined) ctx.origin = undefined;
  else origins.restore(row.slots, ctx);
}
