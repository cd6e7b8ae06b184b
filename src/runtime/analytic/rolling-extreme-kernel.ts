// MIN(x) and MAX(x) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]): the smallest/largest non-NULL
// value among the partition's events within LIMIT DURATION that satisfy WHEN, the current one included
// (OVER page; the docs' "alert if resource has been unhealthy over the last hour" is MAX(healthy) … = 0).
// A monotonic queue keeps only values that can still become the extreme, so each event is amortised
// O(1). Values compare as MIN/MAX do (numbers by value, datetimes by time, strings in order).
// https://learn.microsoft.com/stream-analytics-query/over-azure-stream-analytics
import { compareValues, type AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { Partitions, SweepClock } from './partitions.ts';
import { newTimeQueue, popFront, pushBack, queueLength, type TimeQueue } from './time-queue.ts';
import { visibleAt } from './visibility.ts';

export class RollingExtremeKernel implements AnalyticKernel {
  private readonly p: AnalyticCallProgram;
  /** 1 for MAX, −1 for MIN. */
  private readonly sign: number;
  private readonly parts: Partitions<TimeQueue>;
  private readonly clock: SweepClock;

  constructor(p: AnalyticCallProgram) {
    this.p = p;
    this.sign = p.fn === 'MAX' ? 1 : -1;
    this.parts = new Partitions(p.key !== undefined);
    this.clock = new SweepClock(p.durationMs);
  }

  next(ctx: EvalContext, k: string): AsaValue {
    const { when } = this.p;
    const t = ctx.timeMs;
    let q = this.parts.get(k);
    if (when === undefined || when(ctx)) {
      const v = (this.p.value as (c: EvalContext) => AsaValue)(ctx);
      if (v !== null) {
        if (q === undefined) {
          q = newTimeQueue();
          this.parts.set(k, q);
        }
        this.push(q, t, v);
      }
    }
    if (q === undefined) return null;
    this.expire(q, t);
    return queueLength(q) === 0 ? null : (q.values[q.head] as AsaValue);
  }

  /** Older values that are not better than `v` can never be the extreme again: drop them. */
  private push(q: TimeQueue, t: number, v: AsaValue): void {
    const sign = this.sign;
    while (queueLength(q) > 0) {
      const last = q.values[q.values.length - 1] as AsaValue;
      const c = typeof last === 'number' && typeof v === 'number' ? last - v : compareValues(last, v);
      if (c === null || c * sign > 0) break;
      q.times.pop();
      q.values.pop();
    }
    pushBack(q, t, v);
  }

  private expire(q: TimeQueue, t: number): void {
    const d = this.p.durationMs;
    while (queueLength(q) > 0 && !visibleAt(q.times[q.head] as number, t, d)) popFront(q);
  }

  evict(ms: number): void {
    if (!this.clock.due(ms)) return;
    this.parts.sweep((q) => {
      this.expire(q, ms);
      return queueLength(q) === 0;
    });
  }

  stateBytes(): number {
    let bytes = 0;
    this.parts.forEach((q) => {
      bytes += 96 + 24 * queueLength(q);
    });
    return bytes;
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
