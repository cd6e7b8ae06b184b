// ASA's Kafka output as an OutputSink: one message per result row, serialized by the output's format,
// keyed by the PartitionKey column (no key: the producer spreads messages over partitions), written with
// the idempotent producer (acks=all). write() resolves only when the broker acknowledged every message, so
// the engine may commit input offsets after it: at-least-once.
// (learn.microsoft.com/azure/stream-analytics/kafka-output)
import type { Serializer } from '../../formats/index.ts';
import type { OutputSink } from '../../spi/index.ts';
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import type { KafkaRecordWriter, OutgoingRecord } from './kafka-client.ts';

export interface KafkaOutputSinkOptions {
  topic: string;
  serializer: Serializer;
  /** Column whose value keys each message. */
  partitionKey?: string;
}

function keyText(value: AsaValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export class KafkaOutputSink implements OutputSink {
  readonly #writer: KafkaRecordWriter;
  readonly #options: KafkaOutputSinkOptions;
  #closed = false;

  constructor(writer: KafkaRecordWriter, options: KafkaOutputSinkOptions) {
    this.#writer = writer;
    this.#options = options;
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    if (this.#closed) throw new Error('write after close');
    if (rows.length === 0) return;
    const { serializer, partitionKey, topic } = this.#options;
    const records = new Array<OutgoingRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      records[i] = { value: Buffer.from(serializer.encodeRow(row)), key: partitionKey === undefined ? null : keyText(row[partitionKey]) };
    }
    await this.#writer.write(topic, records);
  }

  async flush(): Promise<void> {
    // Every write already waited for its acknowledgements.
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.close();
  }
}
