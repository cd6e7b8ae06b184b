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
import type { AggregationProgram, GroupState } from './aggregation.ts';

export abstract class WindowOperator extends BaseOperator {
  protected readonly program: AggregationProgram;
  protected readonly ctx = new EvalContext();
  private readonly now: () => number;
  private outRows: AsaRecord[] = [];
  private outTimes: number[] = [];
  /** Events moved to the watermark because they came after it. */
  lateAdjusted = 0;
  /** System.Window().Id of this operator's results (a member of Windows(…)); NULL otherwise. */
  windowId: AsaValue = null;

  constructor(name: string, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name);
    this.program = program;
    this.now = now;
    for (let i = 0; i < applyCount; i++) this.ctx.slots.push(null);
  }

  /** One row after APPLY and WHERE: ctx.slots and ctx.timeMs are set. */
  protected abstract onRow(ctx: EvalContext): void;

  /** Emits every window that ends before `ms` (all their events have come). */
  protected abstract closeBefore(ms: number): void;

  override onEvents(batch: EventBatch): void {
    const ctx = this.ctx;
    ctx.origin = batch.origin;
    ctx.processedMs = this.now();
    const index = batch.originIndex;
    const w = this.watermark;
    for (let i = 0; i < batch.length; i++) {
      ctx.slots[0] = batch.rows[i] as AsaRecord;
      let t = batch.times[i] as number;
      if (t < w) {
        t = w;
        this.lateAdjusted++;
      }
      ctx.timeMs = t;
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
      g = { slots: ctx.slots.slice(), accs: this.program.create() };
      groups.set(key, g);
    }
    this.program.accumulate(ctx, g.accs);
  }

  /** Queues the output row of one finished group (HAVING may reject it). */
  protected finish(group: GroupState, endMs: number): void {
    // Called only between rows (while closing windows), so the row slots need no saving.
    const ctx = this.ctx;
    for (let i = 0; i < group.slots.length; i++) ctx.slots[i] = group.slots[i] ?? null;
    const aggs = ctx.aggregates;
    aggs.length = group.accs.length;
    for (let i = 0; i < group.accs.length; i++) aggs[i] = (group.accs[i] as GroupState['accs'][number]).result();
    ctx.timeMs = endMs;
    ctx.origin = undefined;
    ctx.windowId = this.windowId;
    const row = this.program.output(ctx);
    if (row === undefined) return;
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
    this.closeBefore(ms);
    this.flushOutput();
    this.emitWatermark(ms);
  }
}
