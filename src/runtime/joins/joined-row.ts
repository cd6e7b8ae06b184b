// A row made by a JOIN: one record per FROM slot (left sides first, the right side last; NULL for the
// right side of an unmatched LEFT OUTER row) with each side's own event time, which DATEDIFF(unit, a, b)
// over two aliases reads (JOIN page). Batches carry them in EventBatch.joined; operators above a join
// copy one into their context's slots, so reading `alias.column` stays an array index.
import type { AsaRecord } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';

export interface JoinedRow {
  readonly rows: readonly (AsaRecord | null)[];
  readonly times: readonly number[];
}

/** Points the context's FROM slots (and their times) at a joined row. */
export function loadJoined(ctx: EvalContext, row: JoinedRow): void {
  const { rows, times } = row;
  for (let k = 0; k < rows.length; k++) {
    ctx.slots[k] = rows[k] ?? null;
    ctx.slotTimes[k] = times[k] as number;
  }
}
