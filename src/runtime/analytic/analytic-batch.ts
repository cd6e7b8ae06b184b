// How analytic results travel with the events: the AnalyticOperator passes its input batch on with one
// flat array of results (`analyticsStride` per event), and the SELECT or window operator reading it
// points its EvalContext at them, so AnalyticRef expressions read them without a per-event object.
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';

export interface AnalyticBatch extends EventBatch {
  readonly analytics: readonly AsaValue[];
  readonly analyticsStride: number;
}

const NONE: readonly AsaValue[] = [];

/** Points `ctx` at the batch's analytic results (none for a batch that has not been through one). */
export function readAnalytics(batch: EventBatch, ctx: EvalContext): void {
  const a = batch as Partial<AnalyticBatch>;
  ctx.analytics = a.analytics ?? NONE;
  ctx.analyticsStride = a.analyticsStride ?? 0;
}
