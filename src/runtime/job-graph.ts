// A compiled job: inputs go in with push (synchronous, one partition batch at a time), results come
// out through one OutputSink per output alias. Built by compile/; knows no parser and no connector.
import { SluiceError } from '../common/index.ts';
import type { InputBatch, OutputColumn } from '../spi/index.ts';
import { newTimeCounters, type TimeCounters } from './arrival-policy.ts';
import { restoreOperators, snapshotOperators, type GraphSnapshot } from './checkpoint/graph-snapshot.ts';
import type { Operator } from './operator.ts';
import type { ReferenceJoinOperator } from './joins/reference-join-operator.ts';
import type { AsaRecord } from '../types/index.ts';
import type { SinkOperator } from './sink-operator.ts';
import type { SourceOperator } from './source-operator.ts';

export interface JobGraphParts {
  /** Input aliases as the catalog spells them, each with the FROM references that read it. */
  readonly sources: ReadonlyMap<string, readonly SourceOperator[]>;
  /** Every operator, upstream before downstream. */
  readonly operators: readonly Operator[];
  readonly sinks: readonly SinkOperator[];
  /** Statically known columns of each output. */
  readonly outputColumns: ReadonlyMap<string, readonly OutputColumn[]>;
  /** Reference data JOINs by reference input alias; loadReference fills their tables. */
  readonly references?: ReadonlyMap<string, readonly ReferenceJoinOperator[]>;
}

export class JobGraph {
  private readonly sources: Map<string, readonly SourceOperator[]>;
  private readonly operators: readonly Operator[];
  private readonly sinks: readonly SinkOperator[];
  private readonly columns: ReadonlyMap<string, readonly OutputColumn[]>;
  private readonly references: ReadonlyMap<string, readonly ReferenceJoinOperator[]>;
  private ended = false;

  constructor(parts: JobGraphParts) {
    this.sources = new Map([...parts.sources].map(([k, v]) => [k.toLowerCase(), v] as const));
    this.operators = parts.operators;
    this.sinks = parts.sinks;
    this.columns = parts.outputColumns;
    this.references = new Map([...(parts.references ?? [])].map(([k, v]) => [k.toLowerCase(), v] as const));
  }

  /** The input aliases the query reads (an input the query never reads still accepts pushes). */
  get inputs(): readonly string[] {
    return [...this.sources.keys()];
  }

  get outputs(): readonly string[] {
    return this.sinks.map((s) => s.output);
  }

  outputColumns(output: string): readonly OutputColumn[] {
    for (const [k, v] of this.columns) if (k.toLowerCase() === output.toLowerCase()) return v;
    return [];
  }

  /**
   * Events counted by the time policies (late, early, out of order, adjusted, dropped), summed over
   * every FROM reference of every input.
   */
  timeCounters(): TimeCounters {
    const total = newTimeCounters();
    for (const readers of this.sources.values()) {
      for (const s of readers) {
        total.late += s.counters.late;
        total.early += s.counters.early;
        total.outOfOrder += s.counters.outOfOrder;
        total.adjusted += s.counters.adjusted;
        total.dropped += s.counters.dropped;
      }
    }
    return total;
  }

  /** The time-policy counters of one input (observability labels them by input). */
  inputTimeCounters(input: string): TimeCounters {
    const total = newTimeCounters();
    for (const s of this.sources.get(input.toLowerCase()) ?? []) {
      total.late += s.counters.late;
      total.early += s.counters.early;
      total.outOfOrder += s.counters.outOfOrder;
      total.adjusted += s.counters.adjusted;
      total.dropped += s.counters.dropped;
    }
    return total;
  }

  /** An input's watermark: the minimum over its FROM references (-Infinity before any event). */
  inputWatermark(input: string): number {
    let min = Infinity;
    for (const s of this.sources.get(input.toLowerCase()) ?? []) if (s.watermark < min) min = s.watermark;
    return min === Infinity ? -Infinity : min;
  }

  /** The reference data inputs the query joins (lower-cased aliases). */
  get referenceInputs(): readonly string[] {
    return [...this.references.keys()];
  }

  /** Loads (or replaces, on refresh) a reference input's snapshot; events after this see it. */
  loadReference(input: string, rows: readonly AsaRecord[]): void {
    for (const op of this.references.get(input.toLowerCase()) ?? []) op.load(rows);
  }

  /**
   * An estimate of the job's operator state in bytes: the sum of stateBytes() over the stateful
   * operators (the window operators: groups × open windows × aggregate footprint, plus kept rows).
   */
  stateSize(): number {
    let total = 0;
    for (const op of this.operators) {
      const bytes = (op as { stateBytes?: () => number }).stateBytes;
      if (typeof bytes === 'function') total += bytes.call(op);
    }
    return total;
  }

  /** Runs one batch of one input partition through the whole graph (the hot path). */
  push(input: string, batch: InputBatch): void {
    if (this.ended) throw new SluiceError('SLUICE_RUNTIME_ENDED', 'push after end()', { domain: 'internal' });
    const readers = this.sources.get(input.toLowerCase());
    if (readers === undefined) {
      throw new SluiceError('SLUICE_RUNTIME_UNKNOWN_INPUT', `no input named '${input}' in this job`, {
        domain: 'user',
        hint: `inputs: ${[...this.sources.keys()].join(', ') || '(none)'}`,
      });
    }
    for (let i = 0; i < readers.length; i++) (readers[i] as SourceOperator).accept(batch);
    for (let i = 0; i < this.sinks.length; i++) (this.sinks[i] as SinkOperator).deliver();
  }

  /** A live input was assigned these partitions (see SourceOperator.expectPartitions). */
  expectPartitions(input: string, partitions: readonly number[]): void {
    for (const s of this.sources.get(input.toLowerCase()) ?? []) s.expectPartitions(partitions);
  }

  /** Stops holding the watermark for assigned partitions that delivered nothing (SourceOperator.releaseExpected). */
  releaseExpected(input: string): void {
    for (const s of this.sources.get(input.toLowerCase()) ?? []) s.releaseExpected();
    for (const s of this.sinks) s.deliver();
  }

  /** An idle live input has seen nothing new up to wall-clock `nowMs` (see SourceOperator.idleUntil). */
  inputIdle(input: string, nowMs: number): void {
    for (const s of this.sources.get(input.toLowerCase()) ?? []) s.idleUntil(nowMs);
    for (const s of this.sinks) s.deliver();
  }

  /** Moves an input's watermark (event time below which no more events will come). */
  pushWatermark(input: string, ms: number): void {
    for (const s of this.sources.get(input.toLowerCase()) ?? []) s.advance(ms);
    for (const s of this.sinks) s.deliver();
  }

  /**
   * Resolves when every write started so far has finished (rethrowing a failed one). push() never
   * waits for sinks, so a caller that pushes in a loop awaits this now and then: backpressure.
   */
  async settled(): Promise<void> {
    for (const s of this.sinks) await s.settle();
  }

  /** End of input: closes every time window, writes everything and flushes the sinks. */
  async end(): Promise<void> {
    if (this.ended) return;
    for (const readers of this.sources.values()) for (const s of readers) s.advance(Infinity);
    for (const op of this.operators) await op.onClose();
    for (const s of this.sinks) s.deliver();
    this.ended = true;
    for (const s of this.sinks) await s.settle();
    for (const s of this.sinks) await s.sink.flush();
  }

  /**
   * Every operator's state (sources' watermarks and partitions included), keyed by operator id, with a
   * fingerprint of `queryFingerprint` (the caller's hash of the query and job) and the graph's shape.
   * Synchronous and between pushes, so the state matches exactly the events pushed so far.
   */
  checkpoint(queryFingerprint = ''): GraphSnapshot {
    return snapshotOperators(this.operators, queryFingerprint);
  }

  /**
   * Puts a checkpoint back, before any push. Throws SLUICE_CHECKPOINT_MISMATCH (touching nothing) when it
   * was taken by another query; on SLUICE_CHECKPOINT_RESTORE the graph is half restored: discard it.
   */
  restore(snapshot: GraphSnapshot, queryFingerprint = ''): void {
    restoreOperators(this.operators, queryFingerprint, snapshot);
  }

  /** Waits for every write and flushes the sinks (buffered file rows …) without ending the job: a checkpoint's durability point. */
  async flush(): Promise<void> {
    await this.settled();
    const seen = new Set<unknown>();
    for (const s of this.sinks) {
      if (seen.has(s.sink)) continue;
      seen.add(s.sink);
      await s.sink.flush();
    }
  }

  /** Closes the sinks (after end()). */
  async close(): Promise<void> {
    await this.end();
    const seen = new Set<unknown>();
    for (const s of this.sinks) {
      if (seen.has(s.sink)) continue;
      seen.add(s.sink);
      await s.sink.close();
    }
  }
}
