// SlidingWindow(unit, size): a result whenever a group's window content changes — when an event
// enters (a window ending at its time) and when it leaves (a window ending at its time + size); the
// window is (end − size, end] and empty windows emit nothing (Sliding window page; reference §4).
// Rows are kept per group until they have left every window; each result is computed over the rows
// in its window (sliding windows keep events by nature: their contents are needed when they leave).
import type { EvalContext } from '../eval-context.ts';
import type { AggregationProgram, GroupState } from './aggregation.ts';
import { RowBuffer, restoreRow, type BufferedRow } from './buffered-rows.ts';
import { WindowOperator } from './window-operator.ts';

export class SlidingWindowOperator extends WindowOperator {
  private readonly size: number;
  private readonly pending = new RowBuffer();
  /** Rows already in time order, per group key. */
  private readonly groups = new Map<string, BufferedRow[]>();
  /** Every window ending before this has been emitted. */
  private doneBefore = -Infinity;

  constructor(name: string, sizeMs: number, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name, program, now, applyCount);
    this.size = sizeMs;
  }

  /** State by name: rows waiting for the watermark, rows per group still in a window, progress. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    return { pending: this.pending, groups: this.groups, doneBefore: this.doneBefore };
  }

  protected onRow(ctx: EvalContext): void {
    this.pending.add(ctx);
  }

  protected closeBefore(ms: number): void {
    const ctx = this.ctx;
    for (const row of this.pending.takeBefore(ms)) {
      restoreRow(ctx, row);
      const key = this.program.key(ctx);
      let list = this.groups.get(key);
      if (list === undefined) {
        list = [];
        this.groups.set(key, list);
      }
      list.push(row);
    }
    const results: { end: number; order: number; group: GroupState }[] = [];
    let order = 0;
    for (const [key, rows] of this.groups) {
      const ends = new Set<number>();
      for (const r of rows) {
        if (r.t >= this.doneBefore && r.t < ms) ends.add(r.t);
        const exit = r.t + this.size;
        if (exit >= this.doneBefore && exit < ms) ends.add(exit);
      }
      for (const end of [...ends].sort((a, b) => a - b)) {
        let group: GroupState | undefined;
        for (const r of rows) {
          if (r.t <= end - this.size || r.t > end) continue;
          restoreRow(ctx, r);
          group ??= { slots: r.slots, accs: this.program.create() };
          this.program.accumulate(ctx, group.accs);
        }
        if (group !== undefined) results.push({ end, order: order++, group });
      }
      // Rows that have left every window still to come.
      let drop = 0;
      while (drop < rows.length && (rows[drop] as BufferedRow).t + this.size < ms) drop++;
      if (drop === rows.length) this.groups.delete(key);
      else if (drop > 0) rows.splice(0, drop);
    }
    results.sort((a, b) => a.end - b.end || a.order - b.order);
    for (const r of results) this.finish(r.group, r.end);
    this.doneBefore = ms;
  }
}
