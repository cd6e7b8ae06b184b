// The encoding side: output rows in, bytes out — a whole batch (a file, a blob) or one row at a time
// (one Kafka message per event).
import type { AsaRecord } from '../types/index.ts';
import type { SerializationType } from './serialization-spec.ts';

export interface Serializer {
  readonly type: SerializationType;
  /** One payload holding all rows (JSON lines or array, CSV with a header, one Avro container file). */
  encode(rows: readonly AsaRecord[]): Uint8Array;
  /** One payload for one row (a Kafka message): a JSON object, a CSV header + line, a one-row Avro file. */
  encodeRow(row: AsaRecord): Uint8Array;
  /**
   * encodeRow's payload as text, for a text format whose payload is that text in UTF-8 (JSON): lets a sink
   * write it straight into a larger buffer instead of making a Buffer per row.
   */
  encodeRowText?(row: AsaRecord): string;
  /**
   * encodeRow's payload written at `at` in `out`, up to `limit` (exclusive): returns where it ends, or −1
   * when it does not fit (the caller grows its buffer and asks again). Lets a sink put rows straight into a
   * larger buffer without making a string or a Buffer per row.
   */
  writeRow?(row: AsaRecord, out: Buffer, at: number, limit: number): number;
  /**
   * The output's statically typed columns (the sink's describe()): a float-typed column whose value is
   * whole (AVG giving 70) is still a float — `70.0` in JSON, double in Avro and Parquet — because the value
   * model cannot tell it from bigint 70 at run time (src/types/value.ts). Called before the first encode.
   */
  describe?(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): void;
}
