// KafkaRecordWriter on librdkafka's Producer: idempotent, acks=all, and a write resolves only when every
// record in it is acknowledged by the broker — the point at which sluice may count it as durable.
// How that is known: librdkafka's flush returns once nothing produced is left unacknowledged, and with
// delivery.report.only.error a delivery report is raised only for a message that failed. A write therefore
// produces its records and starts a flush; the flush's outcome is the write's. Writes that come while a
// flush is in progress wait in order and are produced together when it ends, under one new flush (group
// commit): producing during a flush would extend it — it ends only once the queue is empty — so under a
// steady stream of writes no flush would end until the writes paused, and the engine, allowed a bounded
// number of writes in flight, stalled until the producer drained. A failure reported during a flush fails
// every write waiting on it — a report does not say which write its message came from, so some writes
// that were in fact stored are written again (at-least-once, never lost). Reports for every message with
// a per-message opaque cost ~3 µs of the JS thread each, most of a query's time when it writes a row per
// event (the HoppingWindow query of `npm run bench`).
// A topic stored in the v0/v1 message format (Kafka before 0.11, or a newer broker with an old
// message.format.version) rejects the idempotent producer with UNSUPPORTED_FOR_MESSAGE_FORMAT (43): such a
// write is retried once on a plain producer (acks=all, one request in flight so retries keep the order), and
// the writer stays on it — at-least-once, the best those formats allow — after a warning saying so.
import kafka from '@confluentinc/kafka-javascript';
import type { LibrdKafkaError, Producer } from '@confluentinc/kafka-javascript';
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

/** One flush and the writes waiting on it. */
interface FlushRound {
  done: Promise<void>;
  /** The first failure reported while it ran. */
  failure: Error | undefined;
}

/** A write that came during a flush: produced when that flush ends. */
interface QueuedWrite {
  topic: string;
  records: readonly OutgoingRecord[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const UNSUPPORTED_FOR_MESSAGE_FORMAT = 43;
const ERR_TIMED_OUT = -185;
/** A flush is asked for in slices, so one that waits on a broker outage does not block a libuv thread long. */
const FLUSH_SLICE_MS = 1000;
/** How long close() waits for what is in flight (the broker may be away). */
const CLOSE_FLUSH_MS = 10_000;

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
    'delivery.report.only.error': true,
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
    producer.on('delivery-report', (err: LibrdKafkaError | null | undefined) => {
      // Only failures are reported (delivery.report.only.error); this producer's flush in progress carries it.
      const round = this.#rounds.get(producer);
      if (err && round && !round.failure) round.failure = kafkaError(err, `writing to Kafka at ${this.#where}`, this.#secrets);
    });
    producer.setPollInterval(10);
  }

  /**
   * The flush in progress per producer (two only while the v0/v1 fallback replaces one): a write that
   * produced before it ends is covered by it; a write on another producer is not.
   */
  readonly #rounds = new Map<Producer, FlushRound>();

  /** Writes that came during the flush in progress, in order (see the header: group commit). */
  #queued: QueuedWrite[] = [];

  /** Resolves once everything produced so far is acknowledged; rejects with a failure reported meanwhile. */
  #acknowledged(): Promise<void> {
    const producer = this.#producer;
    const current = this.#rounds.get(producer);
    if (current) return current.done;
    const round: FlushRound = { done: Promise.resolve(), failure: undefined };
    round.done = new Promise<void>((resolve, reject) => {
      const slice = (): void => {
        producer.flush(FLUSH_SLICE_MS, (err) => {
          if (err && (err as { code?: number }).code === ERR_TIMED_OUT) return slice();
          // librdkafka queued every report before the flush could end, but the client may hand them to JS
          // after this callback in the same turn of the event loop: judge one turn later.
          setImmediate(() => {
            if (this.#rounds.get(producer) === round) this.#rounds.delete(producer);
            const failure = round.failure ?? (err ? kafkaError(err, `writing to Kafka at ${this.#where}`, this.#secrets) : undefined);
            if (failure) reject(failure);
            else resolve();
            this.#produceQueued();
          });
        });
      };
      slice();
    });
    this.#rounds.set(producer, round);
    return round.done;
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
    // During a flush (or before queued writes go out), join the queue: order is kept, the flush does not grow.
    if (this.#rounds.has(this.#producer) || this.#queued.length > 0) {
      return new Promise((resolve, reject) => this.#queued.push({ topic, records, resolve, reject }));
    }
    try {
      this.#produce(topic, records);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#acknowledged();
  }

  #produce(topic: string, records: readonly OutgoingRecord[]): void {
    try {
      for (const r of records) {
        this.#producer.produce(topic, r.partition ?? null, r.value, r.key ?? null, r.timestamp ?? null, undefined, r.headers?.map((h) => ({ [h.key]: h.value })));
      }
    } catch (err) {
      throw kafkaError(err, `writing to Kafka at ${this.#where}`, this.#secrets);
    }
  }

  /** Produces the writes that waited for the last flush, in order, and starts the flush that covers them. */
  #produceQueued(): void {
    if (this.#queued.length === 0 || this.#rounds.has(this.#producer)) return;
    const writes = this.#queued;
    this.#queued = [];
    const produced: QueuedWrite[] = [];
    for (const w of writes) {
      try {
        this.#produce(w.topic, w.records);
        produced.push(w);
      } catch (err) {
        w.reject(err);
      }
    }
    if (produced.length === 0) return;
    this.#acknowledged().then(() => { for (const w of produced) w.resolve(); }, (err: unknown) => { for (const w of produced) w.reject(err); });
  }

  async close(): Promise<void> {
    // Writes still waiting for a flush go out first (each flush's end produces the next queued ones) — for
    // as long as a plain flush would be given: with the broker away a flush never ends.
    const deadline = Date.now() + CLOSE_FLUSH_MS;
    while ((this.#rounds.size > 0 || this.#queued.length > 0) && Date.now() < deadline) {
      const round = this.#rounds.get(this.#producer) ?? [...this.#rounds.values()][0];
      if (round) await Promise.race([round.done.catch(() => {}), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
      else this.#produceQueued();
      await new Promise((r) => setImmediate(r));
    }
    const unsent = this.#queued.splice(0);
    for (const w of unsent) w.reject(kafkaError(new Error('the writer closed before these records could be sent'), `writing to Kafka at ${this.#where}`, this.#secrets));
    await new Promise<void>((resolve) => {
      this.#producer.flush(CLOSE_FLUSH_MS, () => this.#producer.disconnect(() => resolve()));
    });
  }
}
