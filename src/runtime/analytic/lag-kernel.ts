// LAG(expr, offset, default) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]): the value of the
// offset-th previous event of the partition that satisfied WHEN, or the default when there is no such
// event, when it is older than LIMIT DURATION, or before `offset` events were seen (LAG page,
// "default"). The current event's own WHEN only decides whether it enters the history: the docs'
// "duration of a condition" pattern reads LAG(time) … WHEN previous_weight < 20000 on an event that
// fails the condition. https://learn.microsoft.com/stream-analytics-query/lag-azure-stream-analytics
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { Partitions, SweepClock } from './partitions.ts';
import { visibleAt } from './visibility.ts';

/** The last `offset` events of a partition, as a ring: `next` is where the next one goes (the oldest). */
interface LagState {
  readonly times: Float64Array;
  readonly values: AsaValue[];
  next: number;
  count: number;
  newest: number;
}

export class LagKernel implements AnalyticKernel {
  private readonly p: AnalyticCallProgram;
  private readonly parts: Partitions<LagState>;
  private readonly clock: SweepClock;

  constructor(p: AnalyticCallProgram) {
    this.p = p;
    this.parts = new Partitions(p.key !== undefined);
    this.clock = new SweepClock(p.durationMs);
  }

  next(ctx: EvalContext, k: string): AsaValue {
    const { offset, durationMs, when, dflt } = this.p;
    const t = ctx.timeMs;
    let s = this.parts.get(k);
    let result: AsaValue;
    // With a ring of exactly `offset` slots, the offset-th previous event is the oldest one.
    if (s !== undefined && s.count >= offset && visibleAt(s.times[s.next] as number, t, durationMs)) result = s.values[s.next] as AsaValue;
    else result = dflt === undefined ? null : dflt(ctx);
    if (when === undefined || when(ctx)) {
      if (s === undefined) {
        s = { times: new Float64Array(offset), values: new Array<AsaValue>(offset).fill(null), next: 0, count: 0, newest: t };
        this.parts.set(k, s);
      }
      s.times[s.next] = t;
      s.values[s.next] = (this.p.value as (c: EvalContext) => AsaValue)(ctx);
      s.next = s.next + 1 === offset ? 0 : s.next + 1;
      if (s.count < offset) s.count++;
      s.newest = t;
    }
    return result;
  }

  evict(ms: number): void {
    if (!this.clock.due(ms)) return;
    const d = this.p.durationMs;
    // Every later event is at or after `ms`: a partition whose newest event it cannot see is done.
    this.parts.sweep((s) => !visibleAt(s.newest, ms, d));
  }

  stateBytes(): number {
    return this.parts.size * (96 + 24 * this.p.offset);
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
