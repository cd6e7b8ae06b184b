// KafkaRecordReader on librdkafka's KafkaConsumer, reading in batches: one call into the native client
// per batch, not per record, because crossing into C++ per message dominates consume cost.
import kafka from '@confluentinc/kafka-javascript';
import type { KafkaConsumer, LibrdKafkaError, Message } from '@confluentinc/kafka-javascript';
import type {
  KafkaHeader, KafkaRecord, MeasurableRecordReader, PartitionLag, PartitionListener, PartitionWatermarks, StartOffset,
  SubscribeOptions, TopicPartition, TopicPartitionOffset,
} from './kafka-client.ts';
import { connectionSecrets, librdkafkaConnectionConfig, type KafkaConnection } from './kafka-connection.ts';
import { kafkaError } from './kafka-errors.ts';
import { CONNECTION_LOG_CONFIG, connectWithDeadline } from './rdkafka-client-events.ts';

export interface RdkafkaReaderOptions {
  groupId: string;
  connectTimeoutMs?: number;
  /** Extra librdkafka consumer properties (tuning); may not override security settings. */
  tuning?: Readonly<Record<string, string | number | boolean>>;
}

// librdkafka postpones a partition's next fetch by fetch.queue.backoff.ms (default 1000) once its local queue
// holds queued.min.messages (default 100 000). Catching up a backlog, the engine drains that queue in well under a
// second and then waits for the postponed fetch: on the 4-partition bench topic the bare consume loop read 155 k
// events/s with the default and 300 k with 20 ms (librdkafka CONFIGURATION.md, "fetch.queue.backoff.ms").
const CONSUMER_DEFAULTS = { 'fetch.queue.backoff.ms': 20 } as const;

const OFFSET_BEGINNING = -2;
const OFFSET_END = -1;
const ERR_ASSIGN_PARTITIONS = -175;
const ERR_REVOKE_PARTITIONS = -174;

/** Shared by every record without headers (most): no array allocated per message. */
const NO_HEADERS: KafkaHeader[] = Object.freeze([]) as unknown as KafkaHeader[];

function toHeaders(raw: Message['headers']): KafkaHeader[] {
  if (!raw || raw.length === 0) return NO_HEADERS;
  const out: KafkaHeader[] = [];
  for (const h of raw) {
    for (const key of Object.keys(h)) {
      const v = h[key];
      out.push({ key, value: Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? '')) });
    }
  }
  return out;
}

export class RdkafkaRecordReader implements MeasurableRecordReader {
  readonly #consumer: KafkaConsumer;
  readonly #secrets: string[];
  readonly #where: string;

  private constructor(consumer: KafkaConsumer, secrets: string[], where: string) {
    this.#consumer = consumer;
    this.#secrets = secrets;
    this.#where = where;
  }

  static async connect(connection: KafkaConnection, options: RdkafkaReaderOptions): Promise<RdkafkaRecordReader> {
    const secrets = connectionSecrets(connection);
    // The rebalance callback is configured before the reader exists; it reaches the reader through this.
    const holder: { reader?: RdkafkaRecordReader } = {};
    const consumer = new kafka.KafkaConsumer(
      {
        ...CONSUMER_DEFAULTS,
        ...options.tuning,
        ...librdkafkaConnectionConfig(connection),
        'group.id': options.groupId,
        // Offsets are committed by the engine once outputs are durable, never automatically.
        'enable.auto.commit': false,
        'enable.auto.offset.store': false,
        // Assignments go through onRebalance, which can choose each partition's start offset.
        'rebalance_cb': (err: LibrdKafkaError, assignment: TopicPartition[]) => holder.reader?.onRebalance(err, assignment),
        ...CONNECTION_LOG_CONFIG,
      },
      { 'auto.offset.reset': 'earliest' },
    );
    const where = connection.bootstrapServers.join(',');
    await connectWithDeadline(consumer, `connecting to Kafka at ${where}`, secrets, options.connectTimeoutMs ?? 15_000);
    holder.reader = new RdkafkaRecordReader(consumer, secrets, where);
    return holder.reader;
  }

  #listener: PartitionListener = {};
  #startAtMs: number | undefined;
  #positionOf: SubscribeOptions['positionOf'];
  #positionsOf: SubscribeOptions['positionsOf'];
  /** Errors found while choosing start offsets; reported by the next read(). */
  #pendingError: unknown;

  onRebalance(event: LibrdKafkaError, assignment: TopicPartition[]): void {
    const partitions = assignment.map((p) => ({ topic: p.topic, partition: p.partition }));
    // Positions start over with every assignment (lag reports a partition again once it is read).
    this.#consumed.clear();
    if (event.code === ERR_ASSIGN_PARTITIONS) {
      const ask = this.#positionsOf;
      if (ask) {
        // librdkafka waits for the assignment until assign() is called, so it can follow the answer.
        ask(partitions).then((at) => this.#assign(partitions, (_, i) => at[i]), (err: unknown) => {
          this.#pendingError = kafkaError(err, `choosing start offsets on Kafka at ${this.#where}`, this.#secrets);
        });
      } else {
        const own = this.#positionOf;
        this.#assign(partitions, own ? (p) => own(p.topic, p.partition) : () => undefined);
      }
    } else if (event.code === ERR_REVOKE_PARTITIONS) {
      this.#listener.revoked?.(partitions);
      this.#consumer.unassign();
    }
  }

  #assign(partitions: TopicPartition[], own: (p: TopicPartition, i: number) => number | undefined): void {
    const at = partitions.map(own);
    if (this.#startAtMs === undefined || at.every((o) => o !== undefined)) {
      this.#consumer.assign(partitions.map((p, i) => (at[i] === undefined ? p : { ...p, offset: at[i] })));
    } else {
      void this.#assignFrom(partitions, this.#startAtMs, at);
    }
    this.#listener.assigned?.(partitions);
  }

  /** Starts each partition at max(committed offset, first offset at or after startAtMs). */
  async #assignFrom(partitions: TopicPartition[], startAtMs: number, own: ReadonlyArray<number | undefined>): Promise<void> {
    const call = <T>(start: (cb: (err: LibrdKafkaError | null | undefined, value: T) => void) => void): Promise<T> =>
      new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
    try {
      // The end of each partition, asked BEFORE the time lookup: when the lookup finds no record that late,
      // everything up to then is older than startAtMs, so the partition starts at this offset. Assigning
      // OFFSET_END instead would resolve "the end" only when fetching starts, losing whatever was written in
      // between (an event sent right after the job started).
      const ends = new Map<string, number>(await Promise.all(partitions.map((p) => call<{ highOffset: number }>((cb) => this.#consumer.queryWatermarkOffsets(p.topic, p.partition, 10_000, cb))
        .then((w) => [`${p.topic}/${p.partition}`, w.highOffset] as const))));
      const [committed, byTime] = await Promise.all([
        call<Array<TopicPartitionOffset>>((cb) => this.#consumer.committed(partitions, 10_000, cb)),
        call<Array<TopicPartitionOffset>>((cb) => this.#consumer.offsetsForTimes(partitions.map((p) => ({ ...p, offset: startAtMs })), 10_000, cb)),
      ]);
      const key = (p: TopicPartition) => `${p.topic}/${p.partition}`;
      const committedAt = new Map(committed.map((c) => [key(c), c.offset] as const));
      const timeAt = new Map(byTime.map((c) => [key(c), c.offset] as const));
      this.#consumer.assign(partitions.map((p, i) => {
        // librdkafka reports "no record that late" as -1 (the end: everything there is older) and "nothing
        // committed" as -1001, which max() then ignores.
        const at = own[i];
        if (at !== undefined) return { ...p, offset: at };
        const found = timeAt.get(key(p)) ?? OFFSET_END;
        const t = found === OFFSET_END ? (ends.get(key(p)) ?? OFFSET_END) : found;
        return { ...p, offset: t === OFFSET_END ? OFFSET_END : Math.max(committedAt.get(key(p)) ?? -1001, t) };
      }));
    } catch (err) {
      this.#pendingError = kafkaError(err, `choosing start offsets on Kafka at ${this.#where}`, this.#secrets);
    }
  }

  subscribe(topics: readonly string[], listener: PartitionListener = {}, options: SubscribeOptions = {}): void {
    this.#listener = listener;
    this.#startAtMs = options.startAtMs;
    this.#positionOf = options.positionOf;
    this.#positionsOf = options.positionsOf;
    this.#consumer.subscribe([...topics]);
  }

  assign(partitions: ReadonlyArray<{ topic: string; partition: number; offset: StartOffset }>): void {
    this.#consumed.clear();
    this.#consumer.assign(partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      offset: p.offset === 'beginning' ? OFFSET_BEGINNING : p.offset === 'end' ? OFFSET_END : p.offset,
    })));
  }

  /**
   * The next batch, already being fetched while the caller processes the last one. librdkafka hands a batch
   * over in two halves: a libuv worker thread takes the messages off its queue, then the JS thread turns them
   * into objects. Asking for the next batch as soon as one arrives lets the first half run on the other core
   * while the engine works. Only after a full batch (a backlog): when caught up, a read waits for new events
   * and nothing is gained. One fetch at a time, so records still arrive in offset order per partition.
   */
  #ahead: Promise<KafkaRecord[]> | undefined;
  #closing = false;
  /**
   * Per "topic/partition", the offset after the last record handed to the caller: the position lag() reports.
   * librdkafka's own position already counts a batch fetched ahead, which the engine has not seen.
   */
  readonly #consumed = new Map<string, number>();

  read(max: number, timeoutMs: number): Promise<KafkaRecord[]> {
    if (this.#pendingError) {
      const err = this.#pendingError;
      this.#pendingError = undefined;
      return Promise.reject(err);
    }
    const batch = this.#ahead ?? this.#consume(max, timeoutMs);
    this.#ahead = undefined;
    return batch.then((records) => {
      rememberPositions(records, this.#consumed);
      if (records.length >= max && !this.#closing) {
        const ahead = this.#consume(max, timeoutMs);
        // Its failure is reported by the read that takes it, not as an unhandled rejection in between.
        ahead.catch(() => {});
        this.#ahead = ahead;
      }
      return records;
    });
  }

  #consume(max: number, timeoutMs: number): Promise<KafkaRecord[]> {
    this.#consumer.setDefaultConsumeTimeout(timeoutMs);
    return new Promise((resolve, reject) => {
      this.#consumer.consume(max, (err: LibrdKafkaError | null, messages: Message[]) => {
        if (err) return reject(kafkaError(err, `reading from Kafka at ${this.#where}`, this.#secrets));
        const records = new Array<KafkaRecord>(messages.length);
        for (let i = 0; i < messages.length; i++) {
          const m = messages[i]!;
          records[i] = {
            topic: m.topic,
            partition: m.partition,
            offset: m.offset,
            key: m.key === undefined || m.key === null ? null : Buffer.isBuffer(m.key) ? m.key : Buffer.from(m.key),
            value: m.value ?? null,
            timestamp: m.timestamp ?? 0,
            headers: toHeaders(m.headers),
          };
        }
        resolve(records);
      });
    });
  }

  /**
   * Backlog per assigned partition (observability's consumer lag): the broker's high watermark minus the next
   * offset this reader returns (after the last record it handed over — not librdkafka's position, which
   * counts a batch read ahead). Rejects when the broker answered for none of the partitions.
   */
  async lag(timeoutMs = 5000): Promise<PartitionLag[]> {
    return lagOf(await this.watermarks(timeoutMs), this.#consumed);
  }

  /**
   * Where each assigned partition's log begins and ends. A partition whose query failed (broker away,
   * consumer closing) is left out rather than guessed; rejects when every query failed.
   */
  async watermarks(timeoutMs = 5000): Promise<PartitionWatermarks[]> {
    let assigned: TopicPartition[];
    try {
      assigned = this.#consumer.assignments();
    } catch {
      return []; // not connected (closing, or between clients during a credential swap)
    }
    const out: PartitionWatermarks[] = [];
    let failure: unknown;
    await Promise.all(assigned.map((p) => new Promise<void>((resolve) => {
      this.#consumer.queryWatermarkOffsets(p.topic, p.partition, timeoutMs, (err, w) => {
        if (err) failure = err;
        else if (w) out.push({ topic: p.topic, partition: p.partition, low: w.lowOffset, high: w.highOffset });
        resolve();
      });
    })));
    if (failure !== undefined && out.length === 0) throw kafkaError(failure, `measuring consumer lag on Kafka at ${this.#where}`, this.#secrets);
    return out;
  }

  /**
   * The broker's high watermark (next offset to be written) of every assigned partition, asked of the broker
   * now; undefined when any answer is missing (broker unreachable, closing). The engine treats an input as
   * quiet only when the broker confirms it has read everything — a stalled consumer reads nothing too.
   */
  async highWatermarks(timeoutMs = 1000): Promise<Map<string, number> | undefined> {
    let assigned: TopicPartition[];
    try {
      assigned = this.#consumer.assignments();
    } catch {
      return undefined;
    }
    if (assigned.length === 0) return undefined;
    const out = new Map<string, number>();
    const ok = await Promise.all(assigned.map((p) => new Promise<boolean>((resolve) => {
      this.#consumer.queryWatermarkOffsets(p.topic, p.partition, timeoutMs, (err, w) => {
        if (err || !w) return resolve(false);
        out.set(`${p.topic}/${p.partition}`, w.highOffset);
        resolve(true);
      });
    })));
    return ok.every(Boolean) ? out : undefined;
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    try {
      this.#consumer.commitSync(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })));
    } catch (err) {
      throw kafkaError(err, `committing offsets to Kafka at ${this.#where}`, this.#secrets);
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    // A batch fetched ahead is dropped: nobody reads it, and its records were neither returned nor committed,
    // so the next owner of the partitions (or the next run) reads them again.
    await this.#ahead?.catch(() => {});
    this.#ahead = undefined;
    await new Promise<void>((resolve) => this.#consumer.disconnect(() => resolve()));
  }
}

/**
 * Lag per partition from its watermarks and the reader's position ("topic/partition" → next offset handed
 * over). A partition read nothing from yet has no known position; it is reported only when it is empty.
 */
export function lagOf(watermarks: readonly PartitionWatermarks[], consumed: ReadonlyMap<string, number>): PartitionLag[] {
  const out: PartitionLag[] = [];
  for (const w of watermarks) {
    const position = consumed.get(`${w.topic}/${w.partition}`) ?? -1;
    if (position >= 0) out.push({ topic: w.topic, partition: w.partition, highWatermark: w.high, position, lag: Math.max(0, w.high - position) });
    else if (w.high === w.low) out.push({ topic: w.topic, partition: w.partition, highWatermark: w.high, position: w.high, lag: 0 });
  }
  return out.sort((a, b) => a.partition - b.partition);
}

/** Records come in runs per partition: remembers, per "topic/partition", the offset after each run's end. */
export function rememberPositions(records: readonly KafkaRecord[], consumed: Map<string, number>): void {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const next = records[i + 1];
    if (next === undefined || next.partition !== r.partition || next.topic !== r.topic) consumed.set(`${r.topic}/${r.partition}`, r.offset + 1);
  }
}
