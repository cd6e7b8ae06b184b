// One SELECT step without GROUP BY, fused into a single loop: FROM row → CROSS/OUTER APPLY rows →
// WHERE (and HAVING, which acts as WHERE without GROUP BY) → projection. Projection and filtering keep
// the event's timestamp (System.Timestamp page, "Projection" and "Filter"). The loop reuses one
// context and two scratch buffers, so the only per-event allocation is the projected record.
import type { AsaRecord } from '../types/index.ts';
import { EvalContext, type Predicate } from './eval-context.ts';
import type { EventBatch } from './event-batch.ts';
import { BaseOperator } from './operator.ts';
import { expandApplies, type ApplyStep } from './apply-steps.ts';
import { readAnalytics } from './analytic/analytic-batch.ts';
import { loadJoined, type JoinedRow } from './joins/joined-row.ts';

export type { ApplyStep } from './apply-steps.ts';

export interface SelectProgram {
  readonly applies: readonly ApplyStep[];
  readonly filter: Predicate | undefined;
  readonly project: (ctx: EvalContext) => AsaRecord;
}

/**
 * Runs slices of a batch under a time limit (the JavaScript UDF host implements it): `run` executes
 * the body under a watchdog, `expired` tells the loop to end the slice so a new one starts.
 */
export interface ExecutionGuard {
  run(body: () => void): void;
  expired(): boolean;
}

export class SelectOperator extends BaseOperator {
  private readonly program: SelectProgram;
  private readonly ctx = new EvalContext();
  private readonly now: () => number;
  private outRows: AsaRecord[] = [];
  private outTimes = new Float64Array(64);
  private count = 0;

  private readonly guard: ExecutionGuard | undefined;
  private next = 0;

  constructor(name: string, program: SelectProgram, now: () => number, guard?: ExecutionGuard) {
    super(name);
    this.program = program;
    this.now = now;
    this.guard = guard;
    for (let i = 0; i < program.applies.length; i++) this.ctx.slots.push(null);
  }

  override onEvents(batch: EventBatch): void {
    const ctx = this.ctx;
    ctx.origin = batch.origin;
    ctx.processedMs = this.now();
    readAnalytics(batch, ctx);
    this.count = 0;
    if (this.outTimes.length < batch.length) this.outTimes = new Float64Array(batch.length);
    this.outRows.length = 0;
    this.next = 0;
    const guard = this.guard;
    if (guard === undefined) {
      for (let i = 0; i < batch.length; i++) this.row(batch, i);
    } else {
      // One watchdog per slice, not per UDF call (see functions/udf/udf-host.ts).
      const slice = (): void => {
        while (this.next < batch.length) {
          this.row(batch, this.next++);
          if (guard.expired()) return;
        }
      };
      while (this.next < batch.length) guard.run(slice);
    }
    const partitionId = batch.origin?.partitionId ?? batch.partitionId;
    this.emit(partitionId === undefined
      ? { length: this.count, rows: this.outRows, times: this.outTimes, origin: undefined, originIndex: undefined }
      : { length: this.count, rows: this.outRows, times: this.outTimes, origin: undefined, originIndex: undefined, partitionId });
  }

  private row(batch: EventBatch, i: number): void {
    const ctx = this.ctx;
    const { filter, project, applies } = this.program;
    const joined = batch.joined;
    if (joined === undefined) ctx.slots[0] = batch.rows[i] as AsaRecord;
    else loadJoined(ctx, joined[i] as JoinedRow);
    ctx.timeMs = batch.times[i] as number;
    ctx.analyticsRow = i;
    const index = batch.originIndex;
    ctx.originRow = index === undefined ? i : (index[i] as number);
    if (applies.length === 0) {
      if (filter === undefined || filter(ctx)) this.push(project(ctx), ctx.timeMs);
    } else {
      expandApplies(ctx, applies, filter, this.emitRow);
    }
  }

  /** The leaf of the APPLY expansion: project the row and keep it (made once, not per event). */
  private readonly emitRow = (ctx: EvalContext): void => {
    this.push(this.program.project(ctx), ctx.timeMs);
  };

  private push(row: AsaRecord, time: number): void {
    if (this.count === this.outTimes.length) {
      const grown = new Float64Array(this.outTimes.length * 2);
      grown.set(this.outTimes);
      this.outTimes = grown;
    }
    this.outRows.push(row);
    this.outTimes[this.count++] = time;
  }
}
