// LAST(expr, default) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]): the value of the most recent
// event of the partition that satisfied WHEN — the current event included, since LAST(x, d) "is
// equivalent of LAG(x, 0, d)" — or the default when none is within LIMIT DURATION (LAST page).
// https://learn.microsoft.com/stream-analytics-query/last-azure-stream-analytics
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { Partitions, SweepClock } from './partitions.ts';
import { visibleAt } from './visibility.ts';

interface LastState {
  time: number;
  value: AsaValue;
}

export class LastKernel implements AnalyticKernel {
  private readonly p: AnalyticCallProgram;
  private readonly parts: Partitions<LastState>;
  private readonly clock: SweepClock;

  constructor(p: AnalyticCallProgram) {
    this.p = p;
    this.parts = new Partitions(p.key !== undefined);
    this.clock = new SweepClock(p.durationMs);
  }

  next(ctx: EvalContext, k: string): AsaValue {
    const { durationMs, when, dflt } = this.p;
    const t = ctx.timeMs;
    const s = this.parts.get(k);
    if (when === undefined || when(ctx)) {
      const v = (this.p.value as (c: EvalContext) => AsaValue)(ctx);
      if (s === undefined) this.parts.set(k, { time: t, value: v });
      else {
        s.time = t;
        s.value = v;
      }
      return v;
    }
    if (s !== undefined && visibleAt(s.time, t, durationMs)) return s.value;
    return dflt === undefined ? null : dflt(ctx);
  }

  evict(ms: number): void {
    if (!this.clock.due(ms)) return;
    const d = this.p.durationMs;
    this.parts.sweep((s) => !visibleAt(s.time, ms, d));
  }

  stateBytes(): number {
    return this.parts.size * 96;
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
