// Evaluates a statement's analytic calls (LAG, LAST, ISFIRST, rolling SUM/AVG/MIN/MAX) on every event
// of the query input, in order, before APPLY, WHERE, JOIN and GROUP BY ("LAG isn't affected by
// predicates in the WHERE clause, join conditions in the JOIN clause, or grouping expressions in the
// GROUP BY clause … because it's evaluated before those clauses", LAG page). It forwards the batch
// unchanged with the results beside it (analytic-batch.ts); the history of each call is its state,
// bounded by LIMIT DURATION and swept as the watermark advances.
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { EvalContext } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import type { AnalyticBatch } from './analytic-batch.ts';
import type { AnalyticCallProgram, AnalyticKernel } from './analytic-kernel.ts';
import { IsFirstKernel } from './isfirst-kernel.ts';
import { LagKernel } from './lag-kernel.ts';
import { LastKernel } from './last-kernel.ts';
import { RollingExtremeKernel } from './rolling-extreme-kernel.ts';
import { RollingSumKernel } from './rolling-sum-kernel.ts';

export function createAnalyticKernel(p: AnalyticCallProgram): AnalyticKernel {
  switch (p.fn) {
    case 'LAG':
      return new LagKernel(p);
    case 'LAST':
      return new LastKernel(p);
    case 'ISFIRST':
      return new IsFirstKernel(p);
    case 'SUM':
    case 'AVG':
      return new RollingSumKernel(p);
    case 'MIN':
    case 'MAX':
      return new RollingExtremeKernel(p);
  }
}

export class AnalyticOperator extends BaseOperator {
  private readonly kernels: readonly AnalyticKernel[];
  /** The distinct PARTITION BY functions, each evaluated once per event, and which one each call uses (-1: none). */
  private readonly keyFns: readonly ((ctx: EvalContext) => string)[];
  private readonly keyOf: Int32Array;
  private readonly keys: string[];
  private readonly ctx = new EvalContext();
  private readonly now: () => number;
  /** Results, `kernels.length` per event; reused from batch to batch (a batch is valid only during onEvents). */
  private results: AsaValue[] = [];

  constructor(name: string, calls: readonly AnalyticCallProgram[], now: () => number) {
    super(name);
    this.kernels = calls.map(createAnalyticKernel);
    const fns: ((ctx: EvalContext) => string)[] = [];
    this.keyOf = Int32Array.from(calls, (c) => {
      if (c.key === undefined) return -1;
      const i = fns.indexOf(c.key);
      return i >= 0 ? i : fns.push(c.key) - 1;
    });
    this.keyFns = fns;
    this.keys = fns.map(() => '');
    this.now = now;
  }

  override onEvents(batch: EventBatch): void {
    const ctx = this.ctx;
    const kernels = this.kernels;
    const n = kernels.length;
    const { keyFns, keyOf, keys } = this;
    ctx.origin = batch.origin;
    ctx.processedMs = this.now();
    const out = this.results;
    if (out.length < batch.length * n) out.length = batch.length * n;
    const index = batch.originIndex;
    for (let i = 0; i < batch.length; i++) {
      ctx.slots[0] = batch.rows[i] as AsaRecord;
      ctx.timeMs = batch.times[i] as number;
      ctx.originRow = index === undefined ? i : (index[i] as number);
      for (let f = 0; f < keyFns.length; f++) keys[f] = (keyFns[f] as (c: EvalContext) => string)(ctx);
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const slot = keyOf[j] as number;
        out[base + j] = (kernels[j] as AnalyticKernel).next(ctx, slot < 0 ? '' : (keys[slot] as string));
      }
    }
    // Everything else of the batch (origin, partition, …) goes on as it came.
    const forwarded: AnalyticBatch = { ...batch, analytics: out, analyticsStride: n };
    this.emit(forwarded);
  }

  protected override onWatermarkAdvanced(ms: number): void {
    for (const k of this.kernels) k.evict(ms);
    this.emitWatermark(ms);
  }

  /** Partitions held over all calls (state accounting, tests). */
  get partitions(): number {
    let total = 0;
    for (const k of this.kernels) total += k.size;
    return total;
  }

  /** An estimate of the history held, in bytes, for the job's state-size metric (JobGraph.stateSize). */
  stateBytes(): number {
    let total = 0;
    for (const k of this.kernels) total += k.stateBytes();
    return total;
  }

  /** State by name: each call's history, in call order. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    return { calls: this.kernels.map((k) => k.checkpoint()) };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    const calls = state['calls'] as readonly Readonly<Record<string, unknown>>[];
    this.kernels.forEach((k, i) => {
      const s = calls[i];
      if (s !== undefined) k.restore(s);
    });
  }
}
