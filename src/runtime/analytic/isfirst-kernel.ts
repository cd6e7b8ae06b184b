// ISFIRST(unit, n) OVER ([PARTITION BY …] [WHEN …]): 1 for the first event of its partition in each
// fixed interval, else 0. "The intervals are aligned the same way as tumbling windows", which include
// their end and exclude their start, so an event at t falls in the interval ending at ceil(t / n)·n.
// "If the event itself does not satisfy when_expression, the function returns 0", and such an event
// does not take the first place either (ISFIRST page).
// https://learn.microsoft.com/stream-analytics-query/isfirst-azure-stream-analytics
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { Partitions, SweepClock } from './partitions.ts';

export class IsFirstKernel implements AnalyticKernel {
  private readonly p: AnalyticCallProgram;
  /** The end of the interval of the partition's last ranked event. */
  private readonly parts: Partitions<number>;
  private readonly clock: SweepClock;

  constructor(p: AnalyticCallProgram) {
    this.p = p;
    this.parts = new Partitions(p.key !== undefined);
    this.clock = new SweepClock(p.durationMs);
  }

  next(ctx: EvalContext, k: string): AsaValue {
    const { durationMs, when } = this.p;
    if (when !== undefined && !when(ctx)) return 0;
    const end = Math.ceil(ctx.timeMs / durationMs) * durationMs;
    const last = this.parts.get(k);
    // An event of an interval already passed (out of order) is not first: its interval had one.
    if (last !== undefined && last >= end) return 0;
    this.parts.set(k, end);
    return 1;
  }

  evict(ms: number): void {
    if (!this.clock.due(ms)) return;
    // Later events (at or after ms) fall in intervals ending at or after ms.
    this.parts.sweep((end) => end < ms);
  }

  stateBytes(): number {
    return this.parts.size * 64;
  }

  get size(): number {
    return this.parts.size;
  }

  checkpoint(): Readonly<Record<string, unknown>> {
    return this.parts.checkpoint();
  }

  restore(state: Readonly<Record<string, unknown>>): void {
    this.parts.restore(state);
  }
}
