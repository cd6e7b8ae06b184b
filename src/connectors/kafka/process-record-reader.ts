// A KafkaRecordReader whose consumer runs in a child process (reader-process-main). librdkafka's Node client
// turns every message into a JavaScript object on the JavaScript thread, about as much work per event as the
// engine's whole query; its add-on cannot be loaded in a worker thread, so a second process is the way to put
// that work on another core. Batches arrive packed (kafka-record-codec): one message per batch, and records
// whose keys, values and headers are views of it.
//
// Everything else behaves as RdkafkaRecordReader: the group's assignments are decided here (positionOf is
// asked in this process), offsets are committed on request only, lag counts from the last record handed over.
import type {
  KafkaRecord, MeasurableRecordReader, PartitionLag, PartitionListener, PartitionWatermarks, StartOffset,
  SubscribeOptions, TopicPartition, TopicPartitionOffset,
} from './kafka-client.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { ClientProcess, siblingModule } from './client-process.ts';
import { outOfSlot, type PackedTransfer } from './batch-slots.ts';
import type { FromReaderProcess, ReaderProcessOptions, ToReaderProcess } from './client-process-protocol.ts';
import { unpackRecords } from './kafka-record-codec.ts';
import { lagOf, rememberPositions, type RdkafkaReaderOptions } from './rdkafka-record-reader.ts';

const MAIN = siblingModule('reader-process-main');
/**
 * Batches asked for ahead after a full one (a backlog): the reader process fetches and packs them while the
 * engine works, and the few milliseconds a message between two busy processes takes to be noticed do not
 * leave the engine waiting.
 */
const READ_AHEAD = 8;

export class ProcessRecordReader implements MeasurableRecordReader {
  readonly #process: ClientProcess<ToReaderProcess, FromReaderProcess>;
  /** Read requests made so far (the next one's slot is this modulo the slot count). */
  #requests = 0;
  #listener: PartitionListener = {};
  #positionOf: SubscribeOptions['positionOf'];
  #positionsOf: SubscribeOptions['positionsOf'];
  /** Per "topic/partition", the offset after the last record handed to the caller (what lag() counts from). */
  readonly #consumed = new Map<string, number>();

  private constructor(where: string) {
    // One more batch slot than batches asked for ahead: when a request for a slot goes out, the batch it last
    // held has been read.
    this.#process = new ClientProcess(MAIN, `the Kafka reader process for ${where}`, (m) => this.#onMessage(m), READ_AHEAD + 1);
  }

  static async connect(connection: KafkaConnection, options: RdkafkaReaderOptions): Promise<ProcessRecordReader> {
    const reader = new ProcessRecordReader(connection.bootstrapServers.join(','));
    const sent: ReaderProcessOptions = {
      groupId: options.groupId,
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
    };
    await reader.#process.start((id) => ({ t: 'connect', id, connection, options: sent, slots: reader.#process.slots.paths }));
    return reader;
  }

  #onMessage(m: Exclude<FromReaderProcess, { t: 'reply' }>): void {
    switch (m.t) {
      case 'assigning':
        void this.#assigning(m.id, m.partitions);
        return;
      case 'revoked':
        this.#consumed.clear();
        this.#listener.revoked?.(m.partitions);
        return;
    }
  }

  async #assigning(id: number, partitions: TopicPartition[]): Promise<void> {
    this.#consumed.clear();
    let positions: ReadonlyArray<number | undefined>;
    if (this.#positionsOf) positions = await this.#positionsOf(partitions);
    else {
      const own = this.#positionOf;
      positions = partitions.map((p) => own?.(p.topic, p.partition));
    }
    this.#listener.assigned?.(partitions);
    if (!this.#process.gone) this.#process.send({ t: 'positions', id, positions });
  }

  subscribe(topics: readonly string[], listener: PartitionListener = {}, options: SubscribeOptions = {}): void {
    this.#listener = listener;
    this.#positionOf = options.positionOf;
    this.#positionsOf = options.positionsOf;
    this.#process.send({ t: 'subscribe', topics, startAtMs: options.startAtMs });
  }

  assign(partitions: ReadonlyArray<{ topic: string; partition: number; offset: StartOffset }>): void {
    this.#consumed.clear();
    this.#process.send({ t: 'assign', partitions });
  }

  /** Batches asked for and not yet taken, in order. */
  readonly #ahead: Array<Promise<PackedTransfer>> = [];
  #closing = false;

  #request(max: number, timeoutMs: number): Promise<PackedTransfer> {
    const slot = this.#requests++ % this.#process.slots.count;
    return this.#process.request<PackedTransfer>((id) => ({ t: 'read', id, max, timeoutMs, slot }));
  }

  async read(max: number, timeoutMs: number): Promise<KafkaRecord[]> {
    const reply = await (this.#ahead.shift() ?? this.#request(max, timeoutMs));
    // Out of its slot before any request below may reuse it.
    const packed = outOfSlot(this.#process.slots, reply);
    if (packed.count >= max && !this.#closing && !this.#process.gone) {
      while (this.#ahead.length < READ_AHEAD) {
        const next = this.#request(max, timeoutMs);
        // Its failure is reported by the read that takes it, not as an unhandled rejection in between.
        next.catch(() => {});
        this.#ahead.push(next);
      }
    }
    const records = unpackRecords(packed);
    rememberPositions(records, this.#consumed);
    return records;
  }

  commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (offsets.length === 0) return Promise.resolve();
    return this.#process.request((id) => ({ t: 'commit', id, offsets }));
  }

  /** See RdkafkaRecordReader.lag: counted from the last record this reader handed over. */
  async lag(timeoutMs = 5000): Promise<PartitionLag[]> {
    if (this.#process.gone) return [];
    return lagOf(await this.#process.request<PartitionWatermarks[]>((id) => ({ t: 'watermarks', id, timeoutMs })), this.#consumed);
  }

  highWatermarks(timeoutMs = 1000): Promise<Map<string, number> | undefined> {
    if (this.#process.gone) return Promise.resolve(undefined);
    return this.#process.request((id) => ({ t: 'highWatermarks', id, timeoutMs }));
  }

  /** Leaves the group and ends the process; batches it had read ahead are read again by the next owner. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#ahead.length = 0;
    await this.#process.close((id) => ({ t: 'close', id }));
  }

  /** Where the batch slots' files were made (tests: their names are gone once connected). */
  get slotFiles(): readonly string[] {
    return this.#process.slots.paths;
  }

  /** The reader process's id (tests). */
  get pid(): number | undefined {
    return this.#process.pid;
  }
}
