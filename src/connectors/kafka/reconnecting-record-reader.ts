// A KafkaRecordReader that can move to new connection material (a rotated client certificate or password)
// without stopping the job — something ASA cannot do: there, an expired certificate stops the job until
// someone replaces it and restarts. The swap happens between batches: the new client connects first (so
// bad new material never interrupts a working connection), then the old one leaves. Records read but not
// yet committed are delivered again after the swap: at-least-once, never lost.
import type {
  KafkaRecord, MeasurableRecordReader, PartitionLag, PartitionListener, StartOffset, SubscribeOptions,
  TopicPartitionOffset,
} from './kafka-client.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { ProcessRecordReader } from './process-record-reader.ts';
import { RdkafkaRecordReader, type RdkafkaReaderOptions } from './rdkafka-record-reader.ts';

export interface ReconnectingReaderOptions extends RdkafkaReaderOptions {
  /**
   * Keep the consumer in a child process (ProcessRecordReader), off the engine's thread; default false
   * (the consumer in this process).
   */
  separateProcess?: boolean;
  /** Told when new material could not be used; the reader keeps the connection it has. */
  onReconnectError?: (err: unknown) => void;
  /** Told after every successful swap. */
  onReconnected?: () => void;
}

type Mode =
  | { kind: 'none' }
  | { kind: 'subscribe'; topics: readonly string[]; listener: PartitionListener; options: SubscribeOptions }
  | { kind: 'assign'; positions: Map<string, { topic: string; partition: number; offset: StartOffset }> };

function connectReader(connection: KafkaConnection, options: ReconnectingReaderOptions): Promise<MeasurableRecordReader> {
  return options.separateProcess ? ProcessRecordReader.connect(connection, options) : RdkafkaRecordReader.connect(connection, options);
}

export class ReconnectingRecordReader implements MeasurableRecordReader {
  #current: MeasurableRecordReader;
  #mode: Mode = { kind: 'none' };
  #pending: KafkaConnection | undefined;
  #reconnects = 0;
  readonly #options: ReconnectingReaderOptions;

  private constructor(current: MeasurableRecordReader, options: ReconnectingReaderOptions) {
    this.#current = current;
    this.#options = options;
  }

  static async connect(connection: KafkaConnection, options: ReconnectingReaderOptions): Promise<ReconnectingRecordReader> {
    return new ReconnectingRecordReader(await connectReader(connection, options), options);
  }

  /** How many times the reader moved to new material. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** Moves to `connection` before the next read. */
  reconnectWith(connection: KafkaConnection): void {
    this.#pending = connection;
  }

  subscribe(topics: readonly string[], listener: PartitionListener = {}, options: SubscribeOptions = {}): void {
    this.#mode = { kind: 'subscribe', topics, listener, options };
    this.#current.subscribe(topics, listener, options);
  }

  assign(partitions: ReadonlyArray<{ topic: string; partition: number; offset: StartOffset }>): void {
    this.#mode = { kind: 'assign', positions: new Map(partitions.map((p) => [`${p.topic}/${p.partition}`, { ...p }])) };
    this.#current.assign(partitions);
  }

  async read(max: number, timeoutMs: number): Promise<KafkaRecord[]> {
    if (this.#pending) await this.#swap(this.#pending);
    const records = await this.#current.read(max, timeoutMs);
    const mode = this.#mode;
    if (mode.kind === 'assign') {
      // Without a group, the reader itself must know where to resume after a swap.
      for (const r of records) {
        const position = mode.positions.get(`${r.topic}/${r.partition}`);
        if (position) position.offset = r.offset + 1;
      }
    }
    return records;
  }

  async #swap(connection: KafkaConnection): Promise<void> {
    this.#pending = undefined;
    let next: MeasurableRecordReader;
    try {
      next = await connectReader(connection, this.#options);
    } catch (err) {
      this.#options.onReconnectError?.(err);
      return;
    }
    const previous = this.#current;
    // Leave the group first, so that its partitions are reassigned to the new member.
    await previous.close();
    const mode = this.#mode;
    if (mode.kind === 'subscribe') next.subscribe(mode.topics, mode.listener, mode.options);
    else if (mode.kind === 'assign') next.assign([...mode.positions.values()]);
    this.#current = next;
    this.#reconnects++;
    this.#options.onReconnected?.();
  }

  /** High watermarks of the current client's assigned partitions (see RdkafkaRecordReader.highWatermarks). */
  highWatermarks(timeoutMs?: number): Promise<Map<string, number> | undefined> {
    return this.#current.highWatermarks(timeoutMs);
  }

  /** Backlog per assigned partition of the current client (see RdkafkaRecordReader.lag). */
  lag(timeoutMs?: number): Promise<PartitionLag[]> {
    return this.#current.lag(timeoutMs);
  }

  commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    return this.#current.commit(offsets);
  }

  close(): Promise<void> {
    return this.#current.close();
  }
}
