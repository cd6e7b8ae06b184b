// Turns records read from Kafka into the engine's input batches: one batch per partition (record order
// kept), each message decoded by the input's deserializer (one message may hold several events: a JSON
// array, CSV rows, an Avro file), the record timestamp as arrival time (EventEnqueuedUtcTime), and Kafka
// metadata behind the batch's lazy accessor. A message that cannot be decoded is skipped and reported —
// topic, partition, offset and why, never its content — and the job goes on.
import { isSluiceError, type ErrorCode } from '../../common/index.ts';
import type { Deserializer } from '../../formats/index.ts';
import type { InputBatch } from '../../spi/index.ts';
import type { AsaRecord } from '../../types/index.ts';
import type { KafkaRecord } from './kafka-client.ts';
import { kafkaMetadata } from './kafka-metadata.ts';
import type { KafkaTimestampType } from './timestamp-type-check.ts';

export interface UndecodableMessage {
  topic: string;
  partition: number;
  offset: number;
  /** Error code of the failure, e.g. SLUICE_FORMAT_JSON_SYNTAX. */
  code: ErrorCode;
  /** What was wrong, with positions; it quotes no payload. */
  reason: string;
  /** The raw message, for a dead-letter destination (never logged). */
  record: KafkaRecord;
}

export interface BatchBuilderOptions {
  deserializer: Deserializer;
  timestampType: KafkaTimestampType;
  onUndecodable: (message: UndecodableMessage) => void;
}

interface PartitionGroup {
  records: KafkaRecord[];
}

export async function buildInputBatches(records: readonly KafkaRecord[], options: BatchBuilderOptions): Promise<InputBatch[]> {
  const groups = new Map<number, PartitionGroup>();
  for (const r of records) {
    let g = groups.get(r.partition);
    if (!g) groups.set(r.partition, (g = { records: [] }));
    g.records.push(r);
  }
  const batches: InputBatch[] = [];
  for (const [partition, group] of groups) {
    const rows: AsaRecord[] = [];
    const arrival: number[] = [];
    // rowRecord[i]: the record row i came from; only read when the query asks for metadata.
    const rowRecord: number[] = [];
    for (let k = 0; k < group.records.length; k++) {
      const record = group.records[k]!;
      if (record.value === null) continue; // a tombstone carries no event
      const before = rows.length;
      try {
        if (options.deserializer.isSync) options.deserializer.decode(record.value, rows);
        else await options.deserializer.decodeAsync(record.value, rows);
      } catch (err) {
        rows.length = before;
        options.onUndecodable({
          topic: record.topic, partition: record.partition, offset: record.offset,
          code: isSluiceError(err) ? err.code : 'SLUICE_FORMAT_UNKNOWN',
          reason: err instanceof Error ? err.message : String(err),
          record,
        });
        continue;
      }
      for (let i = before; i < rows.length; i++) {
        arrival.push(record.timestamp);
        rowRecord.push(k);
      }
    }
    if (rows.length === 0) continue;
    const { timestampType } = options;
    batches.push({
      rows,
      arrivalMs: Float64Array.from(arrival),
      partitionId: partition,
      metadata: (index, property) => {
        const record = group.records[rowRecord[index] ?? -1];
        return record ? kafkaMetadata(record, property, timestampType) : null;
      },
    });
  }
  return batches;
}
