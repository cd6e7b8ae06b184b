// KafkaRecordWriter on librdkafka's Producer: idempotent, acks=all, and a write resolves only when every
// record in it has its delivery report — the point at which sluice may count it as durable.
import kafka from '@confluentinc/kafka-javascript';
import type { DeliveryReport, LibrdKafkaError, Producer } from '@confluentinc/kafka-javascript';
import type { KafkaRecordWriter, OutgoingRecord } from './kafka-client.ts';
import { connectionSecrets, librdkafkaConnectionConfig, type KafkaConnection } from './kafka-connection.ts';
import { kafkaError } from './kafka-errors.ts';
import { CONNECTION_LOG_CONFIG, connectWithDeadline } from './rdkafka-client-events.ts';

export interface RdkafkaWriterOptions {
  connectTimeoutMs?: number;
  compression?: KafkaCompression;
  tuning?: Readonly<Record<string, string | number | boolean>>;
}

/** The codecs ASA's Kafka output offers, in librdkafka's spelling. */
export type KafkaCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

interface Pending {
  remaining: number;
  resolve: () => void;
  reject: (err: Error) => void;
  failed: boolean;
}

export class RdkafkaRecordWriter implements KafkaRecordWriter {
  readonly #producer: Producer;
  readonly #secrets: string[];
  readonly #where: string;

  private constructor(producer: Producer, secrets: string[], where: string) {
    this.#producer = producer;
    this.#secrets = secrets;
    this.#where = where;
    producer.on('delivery-report', (err: LibrdKafkaError | null | undefined, report: DeliveryReport) => {
      const pending = report.opaque as Pending | undefined;
      if (!pending || pending.failed) return;
      if (err) {
        pending.failed = true;
        pending.reject(kafkaError(err, `writing to Kafka at ${this.#where}`, this.#secrets));
        return;
      }
      if (--pending.remaining === 0) pending.resolve();
    });
    producer.setPollInterval(10);
  }

  static async connect(connection: KafkaConnection, options: RdkafkaWriterOptions = {}): Promise<RdkafkaRecordWriter> {
    const secrets = connectionSecrets(connection);
    const producer = new kafka.Producer({
      ...options.tuning,
      ...librdkafkaConnectionConfig(connection),
      'enable.idempotence': true,
      'acks': -1, // all in-sync replicas
      'compression.codec': options.compression ?? 'none',
      'dr_cb': true,
      ...CONNECTION_LOG_CONFIG,
    });
    const where = connection.bootstrapServers.join(',');
    await connectWithDeadline(producer, `connecting to Kafka at ${where}`, secrets, options.connectTimeoutMs ?? 15_000);
    return new RdkafkaRecordWriter(producer, secrets, where);
  }

  write(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = { remaining: records.length, resolve, reject, failed: false };
      try {
        for (const r of records) {
          this.#producer.produce(
            topic,
            r.partition ?? null,
            r.value,
            r.key ?? null,
            r.timestamp ?? null,
            pending,
            r.headers?.map((h) => ({ [h.key]: h.value })),
          );
        }
      } catch (err) {
        pending.failed = true;
        reject(kafkaError(err, `writing to Kafka at ${this.#where}`, this.#secrets));
      }
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#producer.flush(10_000, () => this.#producer.disconnect(() => resolve()));
    });
  }
}
