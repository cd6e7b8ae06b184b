// KafkaRecordWriter on librdkafka's Producer: idempotent, acks=all, and a write resolves only when every
// record in it has its delivery report — the point at which sluice may count it as durable.
// A topic stored in the v0/v1 message format (Kafka before 0.11, or a newer broker with an old
// message.format.version) rejects the idempotent producer with UNSUPPORTED_FOR_MESSAGE_FORMAT (43): such a
// write is retried once on a plain producer (acks=all, one request in flight so retries keep the order), and
// the writer stays on it — at-least-once, the best those formats allow — after a warning saying so.
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
  /** Told once when a v0/v1-format topic made the writer give up idempotence (see the header). */
  onWarning?: (message: string) => void;
}

/** The codecs ASA's Kafka output offers, in librdkafka's spelling. */
export type KafkaCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

interface Pending {
  remaining: number;
  resolve: () => void;
  reject: (err: Error) => void;
  failed: boolean;
}

const UNSUPPORTED_FOR_MESSAGE_FORMAT = 43;

function producerConfig(connection: KafkaConnection, options: RdkafkaWriterOptions, idempotent: boolean): ConstructorParameters<typeof kafka.Producer>[0] {
  return {
    ...options.tuning,
    ...librdkafkaConnectionConfig(connection),
    'enable.idempotence': idempotent,
    'acks': -1, // all in-sync replicas
    // Without idempotence a retried request could overtake a later one; one in flight keeps the order.
    ...(idempotent ? {} : { 'max.in.flight.requests.per.connection': 1 }),
    'compression.codec': options.compression ?? 'none',
    'dr_cb': true,
    ...CONNECTION_LOG_CONFIG,
  };
}

export class RdkafkaRecordWriter implements KafkaRecordWriter {
  #producer: Producer;
  #idempotent = true;
  #downgrade: Promise<void> | undefined;
  readonly #connection: KafkaConnection;
  readonly #options: RdkafkaWriterOptions;
  readonly #secrets: string[];
  readonly #where: string;

  private constructor(producer: Producer, connection: KafkaConnection, options: RdkafkaWriterOptions, secrets: string[], where: string) {
    this.#producer = producer;
    this.#connection = connection;
    this.#options = options;
    this.#secrets = secrets;
    this.#where = where;
    this.#listen(producer);
  }

  /** False once a v0/v1-format topic made the writer fall back to a plain producer. */
  get idempotent(): boolean {
    return this.#idempotent;
  }

  #listen(producer: Producer): void {
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
    const producer = new kafka.Producer(producerConfig(connection, options, true));
    const where = connection.bootstrapServers.join(',');
    await connectWithDeadline(producer, `connecting to Kafka at ${where}`, secrets, options.connectTimeoutMs ?? 15_000);
    return new RdkafkaRecordWriter(producer, connection, options, secrets, where);
  }

  async write(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    const sentIdempotent = this.#idempotent;
    try {
      await this.#send(topic, records);
    } catch (err) {
      if (!sentIdempotent || (err as { details?: { librdkafkaCode?: unknown } }).details?.librdkafkaCode !== UNSUPPORTED_FOR_MESSAGE_FORMAT) throw err;
      // Concurrent writes refused the same way share one switch.
      await (this.#downgrade ??= this.#dropIdempotence(topic));
      // The broker refused the whole request, so nothing of it was stored; records of other partitions that
      // were stored are written again (at-least-once).
      await this.#send(topic, records);
    }
  }

  async #dropIdempotence(topic: string): Promise<void> {
    const plain = new kafka.Producer(producerConfig(this.#connection, this.#options, false));
    await connectWithDeadline(plain, `connecting to Kafka at ${this.#where}`, this.#secrets, this.#options.connectTimeoutMs ?? 15_000);
    const old = this.#producer;
    this.#producer = plain;
    this.#idempotent = false;
    this.#listen(plain);
    // Deliveries still in flight on the old producer report first (their writes then come here too).
    await new Promise<void>((resolve) => old.flush(10_000, () => old.disconnect(() => resolve())));
    this.#options.onWarning?.(`topic "${topic}" is stored in the v0/v1 message format (Kafka 0.10 or message.format.version below 0.11), `
      + 'which refuses the idempotent producer (UNSUPPORTED_FOR_MESSAGE_FORMAT); writing without idempotence: at-least-once, '
      + 'and a retried write may store a message twice. Set the topic\'s message.format.version to 0.11 or later (or upgrade the broker) to get idempotent writes back');
  }

  #send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
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
