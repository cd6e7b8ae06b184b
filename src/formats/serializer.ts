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
}
