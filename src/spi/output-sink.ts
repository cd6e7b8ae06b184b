// What the engine writes results to: one sink per output alias. Connectors implement it; the runtime
// calls write once per pushed batch with every row that batch produced for that output.
import type { StaticType } from '../types/index.ts';
import type { AsaRecord } from '../types/index.ts';

/** A column of an output as the planner knows it: whole floats print as `3.0`, bigints as `3`. */
export interface OutputColumn {
  readonly name: string;
  readonly type: StaticType;
}

export interface OutputSink {
  /** Called at most once before the first write: the statically known columns (`*` columns are absent). */
  describe?(columns: readonly OutputColumn[]): void;
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
