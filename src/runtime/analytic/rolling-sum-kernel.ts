// SUM(x) and AVG(x) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]): over the events of the
// partition within LIMIT DURATION that satisfy WHEN, the current one included ("For each row, the OVER
// clause determines the grouping of rows before an associated aggregate … is applied", OVER page).
// NULLs and non-numbers are skipped as in SUM/AVG; the result is NULL when nothing is left. A running
// sum makes each event O(1): integers are exact while the sum stays a safe integer, floats use a
// compensated (Neumaier) sum, and a sum past 2^53 or holding bigints is recomputed exactly.
// https://learn.microsoft.com/stream-analytics-query/over-azure-stream-analytics
import { arithmetic, type AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { Partitions, SweepClock } from './partitions.ts';
import { newTimeQueue, popFront, pushBack, queueLength, type TimeQueue } from './time-queue.ts';
import { visibleAt } from './visibility.ts';

interface SumState {
  readonly q: TimeQueue;
  sum: number;
  comp: number;
  /** Entries that are not integers (the sum is a float) and entries that are JS bigints. */
  floats: number;
  bigs: number;
}

function numeric(v: AsaValue): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function addTo(s: SumState, x: number): void {
  const t = s.sum + x;
  s.comp += Math.abs(s.sum) >= Math.abs(x) ? s.sum - t + x : x - t + s.sum;
  s.sum = t;
}

export class RollingSumKernel implements AnalyticKernel {
  private readonly p: AnalyticCallProgram;
  private readonly avg: boolean;
  private readonly parts: Partitions<SumState>;
  private readonly clock: SweepClock;

  constructor(p: AnalyticCallProgram) {
    this.p = p;
    this.avg = p.fn === 'AVG';
    this.parts = new Partitions(p.key !== undefined);
    this.clock = new SweepClock(p.durationMs);
  }

  next(ctx: EvalContext, k: string): AsaValue {
    const { when } = this.p;
    const t = ctx.timeMs;
    let s = this.parts.get(k);
    if (when === undefined || when(ctx)) {
      const v = numeric((this.p.value as (c: EvalContext) => AsaValue)(ctx));
      if (v !== undefined) {
        if (s === undefined) {
          s = { q: newTimeQueue(), sum: 0, comp: 0, floats: 0, bigs: 0 };
          this.parts.set(k, s);
        }
        pushBack(s.q, t, v);
        if (typeof v === 'bigint') s.bigs++;
        else {
          if (!Number.isInteger(v)) s.floats++;
          addTo(s, v);
        }
      }
    }
    if (s === undefined) return null;
    this.expire(s, t);
    return this.result(s);
  }

  private expire(s: SumState, t: number): void {
    const { q } = s;
    const d = this.p.durationMs;
    while (queueLength(q) > 0 && !visibleAt(q.times[q.head] as number, t, d)) {
      const v = q.values[q.head] as number | bigint;
      if (typeof v === 'bigint') s.bigs--;
      else {
        if (!Number.isInteger(v)) s.floats--;
        addTo(s, -v);
      }
      popFront(q);
    }
    // Start again from an exact zero so float rounding does not outlive the values that caused it.
    if (queueLength(q) === 0) {
      s.sum = 0;
      s.comp = 0;
    }
  }

  private result(s: SumState): AsaValue {
    const n = queueLength(s.q);
    if (n === 0) return null;
    if (s.bigs > 0 || (s.floats === 0 && !Number.isSafeInteger(s.sum))) {
      let exact: AsaValue = 0;
      for (let i = s.q.head; i < s.q.values.length; i++) exact = arithmetic('+', exact, s.q.values[i] as AsaValue, s.floats > 0);
      return this.avg ? Number(exact) / n : exact;
    }
    const sum = s.sum + s.comp;
    return this.avg ? sum / n : sum;
  }

  evict(ms: number): void {
    if (!this.clock.due(ms)) return;
    this.parts.sweep((s) => {
      this.expire(s, ms);
      return queueLength(s.q) === 0;
    });
  }

  stateBytes(): number {
    let bytes = 0;
    this.parts.forEach((s) => {
      bytes += 96 + 24 * queueLength(s.q);
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
