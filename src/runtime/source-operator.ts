// Where an input's events enter a query: one per FROM reference of an input, because each reference
// may carry its own TIMESTAMP BY. Without TIMESTAMP BY the event time is the arrival time
// (EventEnqueuedUtcTime) and the batch passes through without copying. With it, the expression is
// evaluated per event; an event whose timestamp is NULL or not a datetime is dropped and reported as
// the data error InputEventTimestampNotFound ("Stream Analytics is unable to get a time stamp",
// https://learn.microsoft.com/azure/stream-analytics/data-error-codes). With an ArrivalPolicy, late
// and out-of-order events are adjusted or dropped and early ones dropped (arrival-policy.ts).
//
// Watermarks ("Understand time handling"): each input partition's watermark is the later of
// (its newest event time − out-of-order tolerance) and (the newest arrival − late-arrival tolerance),
// the second bounding partitions that fall idle; the source's watermark is the minimum over the
// partitions seen, and over the partitions the live input was assigned but has not heard from yet
// (expectPartitions): those count as idle, so a backlog read a partition at a time does not let the first
// partition read move the watermark past the others' events — which would make them all late. Without
// TIMESTAMP BY the event time is the arrival time and the watermark is the newest arrival. TIMESTAMP BY without a policy (a local run on files without arrival times) has no
// watermark before the end of the input, so every window is closed at the end.
import { AsaDateTime, parseDateTime, type AsaRecord, type AsaValue } from '../types/index.ts';
import type { InputBatch } from '../spi/index.ts';
import { newTimeCounters, type ArrivalPolicy, type TimeCounters } from './arrival-policy.ts';
import { EvalContext, type Evaluator } from './eval-context.ts';
import type { EventBatch } from './event-batch.ts';
import { BaseOperator } from './operator.ts';

/** A data error: the event is dropped (or kept) and the job goes on; the app logs and counts these. */
export interface DataError {
  readonly code: string;
  readonly input: string;
  readonly partitionId: number;
  readonly message: string;
}

export type DataErrorHandler = (error: DataError) => void;

/** Converts a TIMESTAMP BY value to epoch ms, or undefined when it is not a time. */
export function eventTimeOf(value: AsaValue): number | undefined {
  if (value instanceof AsaDateTime) return value.epochMs + value.subMsTicks / 10_000;
  if (typeof value === 'string') {
    const dt = parseDateTime(value);
    return dt === undefined ? undefined : dt.epochMs + dt.subMsTicks / 10_000;
  }
  return undefined;
}

export class SourceOperator extends BaseOperator {
  readonly input: string;
  private readonly timestamp: Evaluator | undefined;
  private readonly onDataError: DataErrorHandler;
  private readonly ctx = new EvalContext();
  private readonly now: () => number;
  private readonly policy: ArrivalPolicy | undefined;
  /** Per partition: newest event time (after the policies) and newest arrival. */
  private readonly partitions = new Map<number, { maxEvent: number; maxArrival: number }>();
  private maxArrival = -Infinity;
  /** Assigned partitions with no event yet; they bound the watermark like idle partitions (see the header). */
  private readonly expected = new Set<number>();
  readonly counters: TimeCounters = newTimeCounters();

  constructor(input: string, timestamp: Evaluator | undefined, onDataError: DataErrorHandler, now: () => number, policy?: ArrivalPolicy) {
    super(`source ${input}`);
    this.input = input;
    this.timestamp = timestamp;
    this.onDataError = onDataError;
    this.now = now;
    this.policy = policy;
  }

  /** State by name: each partition's newest event time and arrival, the newest arrival, the time counters. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    return { partitions: this.partitions, maxArrival: this.maxArrival, counters: this.counters };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    const partitions = state['partitions'] as Map<number, { maxEvent: number; maxArrival: number }> | undefined;
    this.partitions.clear();
    for (const [id, p] of partitions ?? []) this.partitions.set(id, { maxEvent: p.maxEvent, maxArrival: p.maxArrival });
    this.maxArrival = typeof state['maxArrival'] === 'number' ? state['maxArrival'] : -Infinity;
    Object.assign(this.counters, state['counters'] as TimeCounters | undefined);
  }

  /** A live input was assigned these partitions: until each delivers events, it holds the watermark back. */
  expectPartitions(ids: readonly number[]): void {
    for (const id of ids) if (!this.partitions.has(id)) this.expected.add(id);
  }

  /**
   * Stops waiting for the expected partitions that delivered nothing (they are empty, or have nothing
   * after the start position): their events, should any come, are late like any partition's first events.
   */
  releaseExpected(): void {
    if (this.expected.size === 0) return;
    this.expected.clear();
    if (this.policy !== undefined && this.timestamp !== undefined) this.advancePolicyWatermark(this.policy);
  }

  accept(batch: InputBatch): void {
    const n = batch.rows.length;
    if (n === 0) return;
    if (this.expected.size > 0) this.expected.delete(batch.partitionId);
    if (this.timestamp === undefined) {
      this.emit({ length: n, rows: batch.rows, times: batch.arrivalMs, origin: batch, originIndex: undefined });
      this.advanceByArrival(batch);
      return;
    }
    const ts = this.timestamp;
    const ctx = this.ctx;
    ctx.origin = batch;
    ctx.processedMs = this.now();
    const rows: AsaRecord[] = [];
    const times = new Float64Array(n);
    const index = new Int32Array(n);
    const policy = this.policy;
    const part = this.partition(batch.partitionId);
    const c = this.counters;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = batch.rows[i] as AsaRecord;
      ctx.slots[0] = row;
      ctx.originRow = i;
      const arrival = batch.arrivalMs[i] as number;
      ctx.timeMs = arrival;
      let t = eventTimeOf(ts(ctx));
      if (t === undefined) {
        this.report('InputEventTimestampNotFound', batch.partitionId, 'the TIMESTAMP BY expression gave no valid datetime');
        continue;
      }
      if (policy !== undefined) {
        if (arrival > this.maxArrival) this.maxArrival = arrival;
        if (t - arrival > policy.earlyArrivalMs) {
          c.early++;
          c.dropped++;
          this.report('InputEventEarlyBeyondThreshold', batch.partitionId, 'the event time is too far after its arrival');
          continue;
        }
        let bound = -Infinity;
        if (arrival - t > policy.lateArrivalMs) {
          c.late++;
          bound = arrival - policy.lateArrivalMs;
        }
        if (t < part.maxEvent) {
          c.outOfOrder++;
          // Without an out-of-order tolerance (the stateless policy alone) nothing is reordered.
          const o = policy.outOfOrderMs;
          if (o !== undefined) bound = Math.max(bound, arrival - o, part.maxEvent - o);
        }
        // A partition seen for the first time may bring events older than the watermark the others
        // already moved (a watermark never goes back): they are late like any other.
        if (t < this.watermark) bound = Math.max(bound, this.watermark);
        if (t < bound) {
          if (policy.action === 'drop') {
            c.dropped++;
            this.report('InputEventLateBeyondThreshold', batch.partitionId, 'the event arrived later than the late-arrival or out-of-order tolerance');
            continue;
          }
          c.adjusted++;
          t = bound;
        }
        if (t > part.maxEvent) part.maxEvent = t;
      }
      rows.push(row);
      times[k] = t;
      index[k] = i;
      k++;
    }
    const out: EventBatch = { length: k, rows, times, origin: batch, originIndex: k === n ? undefined : index };
    this.emit(out);
    if (policy !== undefined) this.advancePolicyWatermark(policy);
  }

  private partition(id: number): { maxEvent: number; maxArrival: number } {
    let p = this.partitions.get(id);
    if (p === undefined) {
      p = { maxEvent: -Infinity, maxArrival: -Infinity };
      this.partitions.set(id, p);
    }
    return p;
  }

  /** Arrival time is the event time: the watermark is the newest arrival over every partition. */
  private advanceByArrival(batch: InputBatch): void {
    const a = batch.arrivalMs;
    let max = this.maxArrival;
    for (let i = 0; i < batch.rows.length; i++) if ((a[i] as number) > max) max = a[i] as number;
    this.maxArrival = max;
    if (max > this.watermark) this.onWatermark(max, 0);
  }

  private advancePolicyWatermark(policy: ArrivalPolicy): void {
    const o = policy.outOfOrderMs;
    const idleBound = this.maxArrival - policy.lateArrivalMs;
    let min = Infinity;
    for (const p of this.partitions.values()) {
      // Without an out-of-order policy an older event may still come, so only arrival bounds it.
      const w = o === undefined ? idleBound : Math.max(p.maxEvent - o, idleBound);
      if (w < min) min = w;
    }
    // A partition not heard from yet is idle: only the arrival bound moves past it.
    if (this.expected.size > 0 && idleBound < min) min = idleBound;
    if (min !== Infinity && min > this.watermark) this.onWatermark(min, 0);
  }

  private report(code: string, partitionId: number, what: string): void {
    this.onDataError({ code, input: this.input, partitionId, message: `${what} for an event of input '${this.input}'; the event is dropped` });
  }

  /**
   * A live input found nothing new up to wall-clock time `nowMs`. With a late-arrival tolerance L, no event
   * can still come with an event time before nowMs − L (it would be adjusted or dropped), so the watermark
   * may move there and windows close while the input is quiet — ASA's watermark also moves with arrival time.
   * Without a policy nothing bounds late events, and the watermark stays.
   */
  idleUntil(nowMs: number): void {
    const policy = this.policy;
    if (policy === undefined || !Number.isFinite(policy.lateArrivalMs)) return;
    if (nowMs > this.maxArrival) this.maxArrival = nowMs;
    const w = nowMs - policy.lateArrivalMs;
    if (w > this.watermark) this.onWatermark(w, 0);
  }

  /** The input's watermark (from the connector, or +Infinity at end of input). */
  advance(ms: number): void {
    this.onWatermark(ms, 0);
  }
}
