// CROSS/OUTER APPLY at run time, shared by every operator that reads an input: each combination of the APPLY
// steps' rows for the current event that passes the filter reaches the operator's leaf. CROSS APPLY with no
// rows drops the event; OUTER APPLY keeps it with NULL columns (learn.microsoft.com APPLY page).
import type { AsaRecord } from '../types/index.ts';
import type { EvalContext, Predicate } from './eval-context.ts';

/** One APPLY: its rows for the current context; outer keeps the event with a NULL row when there are none. */
export interface ApplyStep {
  readonly rows: (ctx: EvalContext) => readonly AsaRecord[];
  readonly outer: boolean;
  /** The FROM slot its rows go to; level + 1 by default (after a JOIN the sides come first). */
  readonly slot?: number;
}

/** Runs `applies` from `level` on the context's current event; slot level + 1 holds step `level`'s row. */
export function expandApplies(
  ctx: EvalContext,
  applies: readonly ApplyStep[],
  filter: Predicate | undefined,
  leaf: (ctx: EvalContext) => void,
  level = 0,
): void {
  if (level === applies.length) {
    if (filter === undefined || filter(ctx)) leaf(ctx);
    return;
  }
  const step = applies[level] as ApplyStep;
  const slot = step.slot ?? level + 1;
  const rows = step.rows(ctx);
  if (rows.length === 0) {
    if (!step.outer) return;
    ctx.slots[slot] = null;
    expandApplies(ctx, applies, filter, leaf, level + 1);
    return;
  }
  for (let r = 0; r < rows.length; r++) {
    ctx.slots[slot] = rows[r] as AsaRecord;
    expandApplies(ctx, applies, filter, leaf, level + 1);
  }
}
