// ASA's Kafka output as an OutputSink: one message per result row, serialized by the output's format,
// keyed by the PartitionKey column (no key: the producer spreads messages over partitions), written with
// the idempotent producer (acks=all). write() resolves only when the broker acknowledged every message, so
// the engine may commit input offsets after it: at-least-once. sluice extension: HeaderColumns also send
// the named columns' values as message headers (ASA's output sets neither key headers nor headers).
// (learn.microsoft.com/azure/stream-analytics/kafka-output)
import type { Serializer } from '../../formats/index.ts';
import type { OutputColumn, OutputSink } from '../../spi/index.ts';
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import type { KafkaHeader, KafkaRecordWriter, OutgoingRecord } from './kafka-client.ts';
import { OutgoingPacker, type RowWriter } from './kafka-record-codec.ts';

export interface KafkaOutputSinkOptions {
  topic: string;
  serializer: Serializer;
  /** Column whose value keys each message. */
  partitionKey?: string;
  /** Columns whose values (as text, like the key) are also sent as headers named after them; NULL: no header. */
  headerColumns?: readonly string[];
}

function keyText(value: AsaValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function headersOf(row: AsaRecord, columns: readonly string[]): KafkaHeader[] {
  const headers: KafkaHeader[] = [];
  for (const column of columns) {
    const text = keyText(row[column]);
    if (text !== null) headers.push({ key: column, value: Buffer.from(text) });
  }
  return headers;
}

/** The serializer's bytes as a Buffer without copying them (most serializers already return one). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class KafkaOutputSink implements OutputSink {
  /** write() serializes and hands its records to the producer before it awaits anything. */
  readonly pipelined = true;
  readonly #writer: KafkaRecordWriter;
  readonly #options: KafkaOutputSinkOptions;
  #closed = false;
  /**
   * Rows go straight into one packed buffer when the writer takes packed records (the producer in its own
   * process) and the format prints text (JSON): no Buffer and no record object per row, which a query that
   * writes a row per event (HoppingWindow) pays a million times — nor a string per row, when the serializer
   * writes its bytes itself (writeRow).
   */
  readonly #packer: OutgoingPacker | undefined;
  readonly #rowWriter: RowWriter | undefined;

  constructor(writer: KafkaRecordWriter, options: KafkaOutputSinkOptions) {
    this.#writer = writer;
    this.#options = options;
    this.#packer = writer.writePacked !== undefined && (options.serializer.writeRow !== undefined || options.serializer.encodeRowText !== undefined) ? new OutgoingPacker() : undefined;
    this.#rowWriter = options.serializer.writeRow === undefined ? undefined : (options.serializer as RowWriter);
  }

  /** A float column whose value is whole stays a float in every message (`70.0` in JSON, double in Avro). */
  describe(columns: readonly OutputColumn[]): void {
    this.#options.serializer.describe?.(columns);
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    if (this.#closed) throw new Error('write after close');
    if (rows.length === 0) return;
    const { serializer, partitionKey, topic, headerColumns } = this.#options;
    const packer = this.#packer;
    if (packer !== undefined) {
      packer.reset();
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const key = partitionKey === undefined ? null : keyText(row[partitionKey]);
        const headers = headerColumns === undefined ? undefined : headersOf(row, headerColumns);
        if (this.#rowWriter !== undefined) packer.addRow(this.#rowWriter, row, key, headers);
        else packer.add(serializer.encodeRowText!(row), key, headers);
      }
      // The packer's buffer is taken during the call (KafkaRecordWriter.writePacked), so the next write may reuse it.
      await this.#writer.writePacked!(topic, packer.finish());
      return;
    }
    const records = new Array<OutgoingRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const record: OutgoingRecord = { value: asBuffer(serializer.encodeRow(row)), key: partitionKey === undefined ? null : keyText(row[partitionKey]) };
      if (headerColumns !== undefined) record.headers = headersOf(row, headerColumns);
      records[i] = record;
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
