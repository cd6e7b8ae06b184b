// What the engine writes results to: one sink per output alias. Connectors implement it; the runtime
// calls write once per pushed batch with every row that batch produced for that output.
import type { StaticType } from '../types/index.ts';
import type { AsaRecord } from '../types/index.ts';

/** A column of an output as the planner knows it: whole floats print as `3.0`, bigints as `3`. */
export interface OutputColumn {
  readonly name: string;
  readonly type: StaticType;
}

/**
 * Where each row of a write() came from, index by index: its event time (System.Timestamp, epoch ms) and
 * the input partition of the events that made it (-1 when it has no single one, e.g. a window's result).
 * The file output's {date}/{time}/{partition} path tokens read it; other sinks ignore it.
 */
export interface RowOrigins {
  readonly eventMs: ArrayLike<number>;
  readonly partitionIds: ArrayLike<number>;
}

// The origins travel with the rows array rather than as a write() argument, so that every wrapper sink
// (error policy, metrics, …) that passes the array on keeps them without knowing about them.
const ORIGINS = new WeakMap<readonly AsaRecord[], RowOrigins>();

/** Attaches the origins of `rows` (same length and order) to the array; returns the array. */
export function attachRowOrigins<T extends readonly AsaRecord[]>(rows: T, origins: RowOrigins): T {
  ORIGINS.set(rows, origins);
  return rows;
}

/** The origins attached to a rows array, if the engine (or a test) attached them. */
export function rowOriginsOf(rows: readonly AsaRecord[]): RowOrigins | undefined {
  return ORIGINS.get(rows);
}

export interface OutputSink {
  /** Called at most once before the first write: the statically known columns (`*` columns are absent). */
  describe?(columns: readonly OutputColumn[]): void;
  /**
   * True when write() takes its rows in order during the call itself (before it first awaits), so that the
   * engine may call it again before the last call resolved without the rows changing order — the Kafka output
   * queues messages in its producer at once and resolves when the broker acknowledged them. Absent or false:
   * the engine calls write() only after the previous call resolved.
   */
  readonly pipelined?: boolean;
  /** Rows of one batch; the array and records belong to the sink after the call. */
  write(rows: readonly AsaRecord[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A sink that keeps every row in memory: for tests, `sluice test` and the local runner. */
export class MemorySink implements OutputSink {
  readonly rows: AsaRecord[] = [];
  columns: readonly OutputColumn[] = [];
  flushed = 0;
  closed = false;

  describe(columns: readonly OutputColumn[]): void {
    this.columns = columns;
  }

  write(rows: readonly AsaRecord[]): Promise<void> {
    for (const r of rows) this.rows.push(r);
    return Promise.resolve();
  }

  flush(): Promise<void> {
    this.flushed++;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
