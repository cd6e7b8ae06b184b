// The shared half of every windowed GROUP BY operator: runs the FROM-side APPLYs and WHERE on each
// incoming event, hands each resulting row to the window (onRow), and turns finished groups into output
// rows stamped with the window end (System.Timestamp() of a window result is its end, windowing page).
// Results are emitted only when the watermark passes the window end, and the watermark is forwarded
// after them, so downstream operators see results in time order. An event older than the watermark
// (possible only without a time policy upstream) is moved to the watermark, as the Adjust policy does.
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { EvalContext } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { expandApplies } from '../apply-steps.ts';
import { readAnalytics } from '../analytic/analytic-batch.ts';
import { loadJoined, type JoinedRow } from '../joins/joined-row.ts';
import type { AggregationProgram, GroupState } from './aggregation.ts';
import { OriginSnapshots } from './origin-snapshots.ts';

export abstract class WindowOperator extends BaseOperator {
  protected readonly program: AggregationProgram;
  protected readonly ctx = new EvalContext();
  private readonly now: () => number;
  private outRows: AsaRecord[] = [];
  private outTimes: number[] = [];
  /** Events moved to the watermark because they came after it. */
  lateAdjusted = 0;
  /** Input metadata of each group's first event, when the GROUP BY keys read it. */
  protected readonly origins: OriginSnapshots | undefined;
  /** System.Window().Id of this operator's results (a member of Windows(…)); NULL otherwise. */
  windowId: AsaValue = null;

  constructor(name: string, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name);
    this.program = program;
    this.now = now;
    this.origins = program.metadata === undefined ? undefined : new OriginSnapshots(program.metadata);
    for (let i = 0; i < applyCount; i++) this.ctx.slots.push(null);
  }

  /** One row after APPLY and WHERE: ctx.slots and ctx.timeMs are set. */
  protected abstract onRow(ctx: EvalContext): void;

  /** Emits every window that ends before `ms` (all their events have come). */
  protected abstract closeBefore(ms: number): void;

  private aggregates = -1;

  /** How many aggregates a group holds (state accounting). */
  protected get aggregateCount(): number {
    if (this.aggregates < 0) this.aggregates = this.program.create().length;
    return this.aggregates;
  }

  /** Whether new groups' accumulators keep their inputs (hopping-window panes, see Accumulator). */
  protected keepInputs = false;

  override onEvents(batch: EventBatch): void {
    const guard = this.program.guard;
    if (guard === undefined) this.processBatch(batch);
    else guard.run(() => this.processBatch(batch));
  }

  private processBatch(batch: EventBatch): void {
    const ctx = this.ctx;
    ctx.origin = batch.origin;
    ctx.processedMs = this.now();
    readAnalytics(batch, ctx);
    const index = batch.originIndex;
    const w = this.watermark;
    for (let i = 0; i < batch.length; i++) {
      const joined = batch.joined;
      if (joined === undefined) ctx.slots[0] = batch.rows[i] as AsaRecord;
      else loadJoined(ctx, joined[i] as JoinedRow);
      let t = batch.times[i] as number;
      if (t < w) {
        t = w;
        this.lateAdjusted++;
      }
      ctx.timeMs = t;
      ctx.analyticsRow = i;
      ctx.originRow = index === undefined ? i : (index[i] as number);
      if (this.program.applies.length === 0) {
        if (this.program.filter === undefined || this.program.filter(ctx)) this.onRow(ctx);
      } else {
        expandApplies(ctx, this.program.applies, this.program.filter, this.rowLeaf);
      }
    }
  }

  /** The leaf of the APPLY expansion (made once, not per event). */
  private readonly rowLeaf = (ctx: EvalContext): void => {
    this.onRow(ctx);
  };


  /** Adds the current row to `groups` (creating its group on first sight). */
  protected addTo(groups: Map<string, GroupState>, ctx: EvalContext): void {
    const key = this.program.key(ctx);
    let g = groups.get(key);
    if (g === undefined) {
      g = { slots: ctx.slots.slice(), accs: this.program.create(this.keepInputs) };
      this.origins?.keep(g.slots, ctx);
      groups.set(key, g);
    }
    this.program.accumulate(ctx, g.accs);
  }

  /**
   * A rough estimate of the operator's state in bytes (groups × open windows × accumulator footprint,
   * plus buffered rows), for the job's state-size metric.
   */
  abstract stateBytes(): number;

  /** Queues the output row of one finished group (HAVING may reject it). */
  protected finish(group: GroupState, endMs: number): void {
    this.finishWith(group.slots, group.accs, endMs);
  }

  protected finishWith(slots: GroupState['slots'], accs: GroupState['accs'], endMs: number): void {
    const row = this.outputRow(slots, accs, endMs);
    if (row === undefined) return;
    this.outRows.push(row);
    this.outTimes.push(endMs);
  }

  /** The output row of one finished group, or undefined when HAVING rejects it. */
  protected outputRow(slots: GroupState['slots'], accs: GroupState['accs'], endMs: number): AsaRecord | undefined {
    // Called only between rows (while closing windows), so the row slots need no saving.
    const ctx = this.ctx;
    for (let i = 0; i < slots.length; i++) ctx.slots[i] = slots[i] ?? null;
    const aggs = ctx.aggregates;
    aggs.length = accs.length;
    for (let i = 0; i < accs.length; i++) aggs[i] = (accs[i] as GroupState['accs'][number]).result();
    ctx.timeMs = endMs;
    if (this.origins === undefined) ctx.origin = undefined;
    else this.origins.restore(slots, ctx);
    ctx.windowId = this.windowId;
    return this.program.output(ctx);
  }

  /** Queues a row made by outputRow. */
  protected queueRow(row: AsaRecord, endMs: number): void {
    this.outRows.push(row);
    this.outTimes.push(endMs);
  }

  /** Sends the queued results downstream as one batch. */
  protected flushOutput(): void {
    if (this.outRows.length === 0) return;
    const rows = this.outRows;
    const times = Float64Array.from(this.outTimes);
    this.outRows = [];
    this.outTimes = [];
    this.emit({ length: rows.length, rows, times, origin: undefined, originIndex: undefined });
  }

  protected override onWatermarkAdvanced(ms: number): void {
    const guard = this.program.guard;
    if (guard === undefined) this.closeBefore(ms);
    else guard.run(() => this.closeBefore(ms));
    this.flushOutput();
    this.emitWatermark(ms);
  }
}
