// The end of a statement: collects the rows a push produced for one output and hands them to the
// OutputSink in one write. push() is synchronous and sinks are not, so writes are chained — or, for a
// sink that takes its rows in order during the call (OutputSink.pipelined, the Kafka output), started at
// once and awaited together, so the next batch's rows are on their way while the last batch's wait for
// their acknowledgement. A failed write is remembered and rethrown by the next push or by end().
import type { AsaRecord } from '../types/index.ts';
import { attachRowOrigins, type OutputSink } from '../spi/index.ts';
import type { EventBatch } from './event-batch.ts';
import { BaseOperator } from './operator.ts';

export class SinkOperator extends BaseOperator {
  readonly output: string;
  readonly sink: OutputSink;
  private pending: AsaRecord[] = [];
  /** Event time and input partition of each pending row (RowOrigins: the file output's path tokens). */
  private pendingTimes: number[] = [];
  private pendingPartitions: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** Writes started on a pipelined sink and not yet resolved. */
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = undefined;
  private failed = false;
  /** Rows handed to the sink so far (for metrics and tests). */
  written = 0;

  constructor(output: string, sink: OutputSink) {
    super(`output ${output}`);
    this.output = output;
    this.sink = sink;
  }

  override onEvents(batch: EventBatch): void {
    const rows = batch.rows;
    const times = batch.times;
    const partition = batch.origin?.partitionId ?? batch.partitionId ?? -1;
    for (let i = 0; i < batch.length; i++) {
      this.pending.push(rows[i] as AsaRecord);
      this.pendingTimes.push(times[i]!);
      this.pendingPartitions.push(partition);
    }
  }

  /** Starts the write of what was collected since the last call. */
  deliver(): void {
    if (this.failed) throw this.failure;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    attachRowOrigins(rows, { eventMs: this.pendingTimes, partitionIds: this.pendingPartitions });
    this.pending = [];
    this.pendingTimes = [];
    this.pendingPartitions = [];
    this.written += rows.length;
    if (this.sink.pipelined === true) {
      const write: Promise<void> = this.sink.write(rows).catch(this.fail).finally(() => this.inFlight.delete(write));
      this.inFlight.add(write);
      return;
    }
    this.chain = this.chain.then(() => this.sink.write(rows)).catch(this.fail);
  }

  private readonly fail = (err: unknown): void => {
    if (this.failed) return;
    this.failed = true;
    this.failure = err;
  };

  /** Waits for every write started so far; rethrows a write failure. */
  async settle(): Promise<void> {
    await this.chain;
    if (this.inFlight.size > 0) await Promise.all(this.inFlight);
    if (this.failed) throw this.failure;
  }
}
