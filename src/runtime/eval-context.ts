// The mutable per-operator cursor that compiled expressions read: which row (and APPLY rows) is
// current, its event time and where it came from. One context per operator, reused for every event, so
// evaluating an expression allocates nothing for the lookup itself.
import type { AsaRecord, AsaValue } from '../types/index.ts';
import type { InputBatch } from '../spi/index.ts';

export class EvalContext {
  /** Slot 0: the FROM row; slot k: the row of the k-th APPLY (null for OUTER APPLY without rows). */
  readonly slots: (AsaRecord | null)[] = [null];
  /** Event time of the current row, epoch ms. */
  timeMs = 0;
  /** Below and above a JOIN: the event time of each FROM slot (runtime/joins/joined-row.ts). */
  readonly slotTimes: number[] = [];
  /** The input batch the row came from, when the operator reads an input directly. */
  origin: InputBatch | undefined = undefined;
  /** Index of the current row in `origin`. */
  originRow = 0;
  /** Wall-clock time the current batch is processed at (EventProcessedUtcTime), epoch ms. */
  processedMs = 0;
  /** After GROUP BY: the results of the statement's aggregates for the group being output. */
  aggregates: AsaValue[] = [];
  /**
   * Analytic results (LAG, LAST, ISFIRST, rolling aggregates) of the current batch, `analyticsStride`
   * values per event, computed before WHERE by runtime/analytic's operator; `analyticsRow` is the
   * current event's index in that batch.
   */
  analytics: readonly AsaValue[] = [];
  analyticsStride = 0;
  analyticsRow = 0;
  /** After GROUP BY Windows(…): the id of the window the result belongs to (System.Window().Id). */
  windowId: AsaValue = null;

  arrivalMs(): number | null {
    return this.origin === undefined ? null : (this.origin.arrivalMs[this.originRow] ?? null);
  }

  partitionId(): number | null {
    return this.origin === undefined ? null : this.origin.partitionId;
  }

  metadata(property: string): AsaValue {
    const read = this.origin?.metadata;
    return read === undefined ? null : (read(this.originRow, property) ?? null);
  }
}

/** A compiled expression: reads the context, returns a value. Built once per query by compile/. */
export type Evaluator = (ctx: EvalContext) => AsaValue;
/** A compiled predicate: true only for TRUE (FALSE and UNKNOWN drop the row). */
export type Predicate = (ctx: EvalContext) => boolean;
