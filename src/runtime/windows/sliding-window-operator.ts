// SlidingWindow(unit, size): a result whenever a group's window content changes — when an event
// enters (a window ending at its time) and when it leaves (a window ending at its time + size); the
// window is (end − size, end] and empty windows emit nothing (Sliding window page,
// https://learn.microsoft.com/stream-analytics-query/sliding-window-azure-stream-analytics).
// Rows are kept per group until they have left every window (their values are needed when they
// leave). Each group keeps one running aggregate: the window's ends are walked in time order, rows
// entering are accumulated and rows leaving taken back out (oldest first), so a result costs O(1)
// per change, not O(events in the window). When an aggregate cannot take a row back exactly (floats,
// MIN/MAX, lists), the running aggregate is rebuilt from the rows still in the window.
import type { AsaRecord } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { Accumulator, AggregationProgram } from './aggregation.ts';
import { groupBytes } from './accumulator-state.ts';
import { ROW_BYTES, RowBuffer, restoreRow, type BufferedRow } from './buffered-rows.ts';
import { WindowOperator } from './window-operator.ts';

interface SlidingGroup {
  /** Rows in time order; rows[out..in) are in the running aggregate. */
  rows: BufferedRow[];
  in: number;
  out: number;
  running: Accumulator[];
}

export class SlidingWindowOperator extends WindowOperator {
  private readonly size: number;
  private readonly pending = new RowBuffer(this.origins);
  private readonly groups = new Map<string, SlidingGroup>();
  /** Every window ending before this has been emitted. */
  private doneBefore = -Infinity;
  private readonly results: { end: number; order: number; row: AsaRecord }[] = [];

  constructor(name: string, sizeMs: number, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name, program, now, applyCount);
    this.size = sizeMs;
  }

  /** State by name: rows waiting for the watermark, rows per group still in a window, progress. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const groups = new Map<string, { rows: BufferedRow[]; in: number; out: number }>();
    for (const [k, g] of this.groups) groups.set(k, { rows: g.rows, in: g.in, out: g.out });
    return { pending: this.pending.save(), groups, doneBefore: this.doneBefore };
  }

  /** The running aggregates are not saved: they are rebuilt from the rows in each window. */
  override onRestore(state: Readonly<Record<string, unknown>>): void {
    this.pending.load(state['pending'] as { rows: BufferedRow[]; seq: number });
    this.groups.clear();
    for (const [k, g] of state['groups'] as Map<string, { rows: BufferedRow[]; in: number; out: number }>) {
      const group: SlidingGroup = { rows: g.rows.map((r) => ({ t: r.t, slots: r.slots.slice(), seq: r.seq })), in: g.in, out: g.out, running: [] };
      this.rebuild(group);
      this.groups.set(k, group);
    }
    this.doneBefore = state['doneBefore'] as number;
  }

  override stateBytes(): number {
    const per = groupBytes(this.aggregateCount);
    let n = this.pending.size * ROW_BYTES;
    for (const g of this.groups.values()) n += per + g.rows.length * ROW_BYTES;
    return n;
  }

  protected onRow(ctx: EvalContext): void {
    this.pending.add(ctx);
  }

  private rebuild(g: SlidingGroup): void {
    const ctx = this.ctx;
    g.running = this.program.create(false, true);
    for (let i = g.out; i < g.in; i++) {
      restoreRow(ctx, g.rows[i] as BufferedRow, this.origins);
      this.program.accumulate(ctx, g.running);
    }
  }

  protected closeBefore(ms: number): void {
    const { ctx, size, program } = this;
    for (const row of this.pending.takeBefore(ms)) {
      restoreRow(ctx, row, this.origins);
      const key = program.key(ctx);
      let g = this.groups.get(key);
      if (g === undefined) {
        g = { rows: [], in: 0, out: 0, running: program.create(false, true) };
        this.groups.set(key, g);
      }
      g.rows.push(row);
    }
    const results = this.results;
    let order = 0;
    for (const [key, g] of this.groups) {
      const rows = g.rows;
      for (;;) {
        // The next end: the next row entering or the oldest row leaving, whichever comes first.
        const enter = g.in < rows.length ? (rows[g.in] as BufferedRow).t : Infinity;
        const exit = g.out < g.in ? (rows[g.out] as BufferedRow).t + size : Infinity;
        const end = enter < exit ? enter : exit;
        if (!(end < ms)) break;
        let exact = true;
        while (g.out < g.in && (rows[g.out] as BufferedRow).t + size <= end) {
          if (exact) {
            restoreRow(ctx, rows[g.out] as BufferedRow, this.origins);
            exact = program.deaccumulate(ctx, g.running);
          }
          g.out++;
        }
        if (!exact) this.rebuild(g);
        while (g.in < rows.length && (rows[g.in] as BufferedRow).t <= end) {
          restoreRow(ctx, rows[g.in] as BufferedRow, this.origins);
          program.accumulate(ctx, g.running);
          g.in++;
        }
        if (g.out < g.in) {
          const row = this.outputRow((rows[g.out] as BufferedRow).slots, g.running, end);
          if (row !== undefined) results.push({ end, order: order++, row });
        }
      }
      // Rows that have left every window still to come.
      if (g.out === rows.length) this.groups.delete(key);
      else if (g.out > 64 && g.out * 2 > rows.length) {
        g.rows = rows.slice(g.out);
        g.in -= g.out;
        g.out = 0;
      }
    }
    results.sort((a, b) => a.end - b.end || a.order - b.order);
    for (const r of results) this.queueRow(r.row, r.end);
    results.length = 0;
    this.doneBefore = ms;
  }
}

