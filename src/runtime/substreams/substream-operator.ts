// TIMESTAMP BY … OVER key: substreams, each key value on its own timeline
// (learn.microsoft.com/stream-analytics-query/timestamp-by-azure-stream-analytics, "OVER clause interacts
// with event ordering"):
// 1. the out-of-order tolerance applies within each key: an event is out of order only against earlier
//    events of the same key (adjusted to that key's newest time − tolerance, or dropped by the Drop policy);
// 2. the late-arrival tolerance stays global (event time against arrival time) — the SourceOperator below
//    applies it, and its watermark (newest arrival − late tolerance) bounds every key;
// 3. "output events for each key are generated as they are computed": with `perKey`, each key gets its
//    own instances of the operators above (the GROUP BY windows), fed that key's events and watermark
//    max(global watermark, key's newest event − tolerance), so a key whose clock lags holds back no other.
// Results therefore come out ordered within a key, not across keys, as the page says.
import type { AsaRecord } from '../../types/index.ts';
import type { TimeCounters } from '../arrival-policy.ts';
import type { DataErrorHandler } from '../source-operator.ts';
import { EvalContext, type Evaluator } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { valueKey } from '../windows/aggregation.ts';

export interface SubstreamPolicy {
  /** Out-of-order tolerance within a key (ms); undefined without a time policy (no per-key watermark). */
  readonly outOfOrderMs: number | undefined;
  readonly action: 'adjust' | 'drop';
}

interface KeyState {
  maxEvent: number;
  watermark: number;
  children: BaseOperator[] | undefined;
}

/** Receives the per-key operators' results and hands them to the substream operator's consumers. */
class Collector extends BaseOperator {
  private readonly forward: (batch: EventBatch) => void;
  constructor(forward: (batch: EventBatch) => void) {
    super('substream results');
    this.forward = forward;
  }
  override onEvents(batch: EventBatch): void {
    this.forward(batch);
  }
  protected override onWatermarkAdvanced(): void {}
}

export class SubstreamOperator extends BaseOperator {
  private readonly keyOf: readonly Evaluator[];
  private readonly policy: SubstreamPolicy;
  private readonly input: string;
  private readonly onDataError: DataErrorHandler;
  private readonly ctx = new EvalContext();
  private readonly keys = new Map<string, KeyState>();
  private factory: (() => BaseOperator[]) | undefined;
  private readonly collector = new Collector((b) => this.emit(b));
  /** The input's time counters (its SourceOperator's, so JobGraph.timeCounters counts the per-key rule too). */
  private readonly counters: TimeCounters;

  constructor(name: string, input: string, keyOf: readonly Evaluator[], policy: SubstreamPolicy, onDataError: DataErrorHandler, counters: TimeCounters) {
    super(name);
    this.counters = counters;
    this.input = input;
    this.keyOf = keyOf;
    this.policy = policy;
    this.onDataError = onDataError;
  }

  /** Runs `make()`'s operators once per key (created on the key's first event) instead of passing events on. */
  perKey(make: () => BaseOperator[]): void {
    this.factory = make;
  }

  override onEvents(batch: EventBatch): void {
    const ctx = this.ctx;
    ctx.origin = batch.origin;
    const o = this.policy.outOfOrderMs;
    const groups = new Map<KeyState | null, { rows: AsaRecord[]; times: number[]; index: number[] }>();
    for (let i = 0; i < batch.length; i++) {
      const row = batch.rows[i] as AsaRecord;
      ctx.slots[0] = row;
      ctx.originRow = batch.originIndex === undefined ? i : (batch.originIndex[i] as number);
      const key = this.keyOf.length === 1 ? valueKey((this.keyOf[0] as Evaluator)(ctx)) : this.keyOf.map((k) => valueKey(k(ctx))).join('\u0001');
      const ks = this.state(key);
      let t = batch.times[i] as number;
      if (o !== undefined && t < ks.maxEvent) {
        this.counters.outOfOrder++;
        const bound = ks.maxEvent - o;
        if (t < bound) {
          if (this.policy.action === 'drop') {
            this.counters.dropped++;
            this.onDataError({ code: 'InputEventLateBeyondThreshold', input: this.input, partitionId: batch.origin?.partitionId ?? 0, message: `an event of input '${this.input}' is out of order within its substream beyond the tolerance; the event is dropped` });
            continue;
          }
          this.counters.adjusted++;
          t = bound;
        }
      }
      if (t > ks.maxEvent) ks.maxEvent = t;
      // Without per-key operators everything goes on as one batch (key null), in arrival order.
      const gk = this.factory === undefined ? null : ks;
      let g = groups.get(gk);
      if (g === undefined) {
        g = { rows: [], times: [], index: [] };
        groups.set(gk, g);
      }
      g.rows.push(row);
      g.times.push(t);
      g.index.push(ctx.originRow);
    }
    if (this.factory === undefined) {
      const g = groups.get(null);
      if (g !== undefined) this.emit({ length: g.rows.length, rows: g.rows, times: Float64Array.from(g.times), origin: batch.origin, originIndex: Int32Array.from(g.index) });
      return;
    }
    for (const [ks, g] of groups) {
      if (ks === null) continue;
      const sub: EventBatch = { length: g.rows.length, rows: g.rows, times: Float64Array.from(g.times), origin: batch.origin, originIndex: Int32Array.from(g.index) };
      for (const c of this.children(ks)) c.onEvents(sub, 0);
      this.advanceKey(ks);
    }
  }

  private state(key: string): KeyState {
    let ks = this.keys.get(key);
    if (ks === undefined) {
      ks = { maxEvent: -Infinity, watermark: -Infinity, children: undefined };
      this.keys.set(key, ks);
    }
    return ks;
  }

  private children(ks: KeyState): BaseOperator[] {
    if (ks.children === undefined) {
      ks.children = (this.factory as () => BaseOperator[])();
      for (const c of ks.children) {
        c.addInput();
        c.connect(this.collector);
      }
    }
    return ks.children;
  }

  /** The key's watermark: the global one, or its newest event − tolerance when that is later. */
  private advanceKey(ks: KeyState): void {
    const o = this.policy.outOfOrderMs;
    const w = Math.max(this.watermark, o === undefined ? -Infinity : ks.maxEvent - o);
    if (w <= ks.watermark) return;
    ks.watermark = w;
    for (const c of ks.children ?? []) c.onWatermark(w, 0);
  }

  protected override onWatermarkAdvanced(ms: number): void {
    if (this.factory !== undefined) for (const ks of this.keys.values()) this.advanceKey(ks);
    this.emitWatermark(ms);
  }

  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const keys = new Map<string, { maxEvent: number; watermark: number; children: Readonly<Record<string, unknown>>[] }>();
    for (const [k, ks] of this.keys) keys.set(k, { maxEvent: ks.maxEvent, watermark: ks.watermark, children: (ks.children ?? []).map((c) => c.onCheckpoint()) });
    return { keys };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    this.keys.clear();
    const saved = (state['keys'] as Map<string, { maxEvent: number; watermark: number; children: Readonly<Record<string, unknown>>[] }> | undefined) ?? new Map<string, { maxEvent: number; watermark: number; children: Readonly<Record<string, unknown>>[] }>();
    for (const [k, s] of saved) {
      const ks: KeyState = { maxEvent: s.maxEvent, watermark: -Infinity, children: undefined };
      this.keys.set(k, ks);
      if (this.factory === undefined) {
        ks.watermark = s.watermark;
        continue;
      }
      const children = this.children(ks);
      children.forEach((c, i) => c.onRestore(s.children[i] ?? {}));
      ks.watermark = s.watermark;
      // Windows before the saved watermark were already emitted; the children only learn where time is.
      if (Number.isFinite(s.watermark)) for (const c of children) c.onWatermark(s.watermark, 0);
    }
  }
}
