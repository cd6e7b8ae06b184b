// Where an input's events enter a query: one per FROM reference of an input, because each reference
// may carry its own TIMESTAMP BY. Without TIMESTAMP BY the event time is the arrival time
// (EventEnqueuedUtcTime) and the batch passes through without copying. With it, the expression is
// evaluated per event; an event whose timestamp is NULL or not a datetime is dropped and reported as
// the data error InputEventTimestampNotFound ("Stream Analytics is unable to get a time stamp",
// https://learn.microsoft.com/azure/stream-analytics/data-error-codes). With an ArrivalPolicy, late
// events are adjusted or dropped and early ones dropped (arrival-policy.ts).
import { AsaDateTime, parseDateTime, type AsaRecord, type AsaValue } from '../types/index.ts';
import type { InputBatch } from '../spi/index.ts';
import { applyArrivalPolicy, type ArrivalPolicy } from './arrival-policy.ts';
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

  constructor(input: string, timestamp: Evaluator | undefined, onDataError: DataErrorHandler, now: () => number, policy?: ArrivalPolicy) {
    super(`source ${input}`);
    this.input = input;
    this.timestamp = timestamp;
    this.onDataError = onDataError;
    this.now = now;
    this.policy = policy;
  }

  accept(batch: InputBatch): void {
    const n = batch.rows.length;
    if (n === 0) return;
    if (this.timestamp === undefined) {
      this.emit({ length: n, rows: batch.rows, times: batch.arrivalMs, origin: batch, originIndex: undefined });
      return;
    }
    const ts = this.timestamp;
    const ctx = this.ctx;
    ctx.origin = batch;
    ctx.processedMs = this.now();
    const rows: AsaRecord[] = [];
    const times = new Float64Array(n);
    const index = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = batch.rows[i] as AsaRecord;
      ctx.slots[0] = row;
      ctx.originRow = i;
      ctx.timeMs = batch.arrivalMs[i] as number;
      let t = eventTimeOf(ts(ctx));
      if (t === undefined) {
        this.report('InputEventTimestampNotFound', batch.partitionId, 'the TIMESTAMP BY expression gave no valid datetime');
        continue;
      }
      if (this.policy !== undefined) {
        const r = applyArrivalPolicy(t, ctx.timeMs, this.policy);
        if (typeof r === 'string') {
          this.report(r, batch.partitionId, r === 'InputEventEarlyBeyondThreshold' ? 'the event time is too far after its arrival' : 'the event arrived later than the late-arrival tolerance');
          continue;
        }
        t = r;
      }
      rows.push(row);
      times[k] = t;
      index[k] = i;
      k++;
    }
    const out: EventBatch = { length: k, rows, times, origin: batch, originIndex: k === n ? undefined : index };
    this.emit(out);
  }

  private report(code: string, partitionId: number, what: string): void {
    this.onDataError({ code, input: this.input, partitionId, message: `${what} for an event of input '${this.input}'; the event is dropped` });
  }

  /** The input's watermark (from the connector, or +Infinity at end of input). */
  advance(ms: number): void {
    this.onWatermark(ms, 0);
  }
}
