// The small interface sluice needs from a Kafka client. The engine's hot path (read → decode → evaluate)
// goes through KafkaRecordReader, so the implementation behind it can be measured and swapped
// (librdkafka today) without touching anything else.

export interface KafkaHeader {
  key: string;
  value: Buffer;
}

export interface KafkaRecord {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Milliseconds since the epoch; on a LogAppendTime topic, when the broker appended the record. */
  timestamp: number;
  headers: readonly KafkaHeader[];
}

export interface OutgoingRecord {
  value: Buffer | null;
  key?: Buffer | string | null;
  partition?: number;
  /** CreateTime to send; on a LogAppendTime topic the broker replaces it. */
  timestamp?: number;
  headers?: readonly KafkaHeader[];
}

/** Records packed into one byte array (kafka-record-codec.ts): how batches cross between processes. */
export interface PackedRecords {
  /** The batch's topic names; records refer to them by index. */
  topics: string[];
  count: number;
  bytes: Uint8Array;
}

export type StartOffset = number | 'beginning' | 'end';

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

export interface NewTopicSpec {
  partitions: number;
  replicationFactor?: number;
  /** Topic-level configs, e.g. {'message.timestamp.type': 'LogAppendTime'}. */
  config?: Readonly<Record<string, string>>;
}

export interface TopicDescription {
  name: string;
  partitions: number[];
}

export interface KafkaAdmin {
  createTopic(name: string, spec: NewTopicSpec): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  listTopics(): Promise<string[]>;
  describeTopic(name: string): Promise<TopicDescription>;
  close(): Promise<void>;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Told when the consumer group gives this reader partitions or takes them away. */
export interface PartitionListener {
  assigned?(partitions: readonly TopicPartition[]): void;
  /**
   * Called before the partitions go: records read from them but not yet committed will be delivered
   * again to their next owner (at-least-once), so drop any state held for them.
   */
  revoked?(partitions: readonly TopicPartition[]): void;
}

export interface SubscribeOptions {
  /**
   * Start no earlier than this time (epoch ms): each assigned partition starts at the later of the group's
   * committed offset and the first record at or after it. Absent: the committed offset, else the earliest.
   */
  startAtMs?: number;
  /**
   * The engine's own position in a partition (the next offset to read: from a checkpoint, or how far it has
   * read), consulted at every assignment and winning over the committed offset and startAtMs. A partition
   * that comes back after a rebalance then resumes exactly where the engine's state is, without a gap or a
   * record counted twice. Undefined: the committed offset / startAtMs rule above.
   */
  positionOf?: (topic: string, partition: number) => number | undefined;
  /**
   * positionOf for a reader whose client lives in another process than the engine: asked once per
   * assignment, answered asynchronously (the partitions are assigned once it answers). Wins over positionOf.
   */
  positionsOf?: (partitions: readonly TopicPartition[]) => Promise<ReadonlyArray<number | undefined>>;
}

export interface KafkaRecordReader {
  /**
   * Joins the consumer group and reads the topics' partitions it assigns, from the group's committed
   * offsets (or the earliest offset when none is committed).
   */
  subscribe(topics: readonly string[], listener?: PartitionListener, options?: SubscribeOptions): void;
  /** Reads the given partitions from the given offsets, outside any group rebalancing. */
  assign(partitions: ReadonlyArray<{ topic: string; partition: number; offset: StartOffset }>): void;
  /** Up to `max` records; fewer (maybe none) when `timeoutMs` passes first. */
  read(max: number, timeoutMs: number): Promise<KafkaRecord[]>;
  /** Commits the next offsets to read (last processed + 1) to the consumer group. */
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  close(): Promise<void>;
}

/** Where each assigned partition's log begins and ends (the next offset to be written), as the broker says. */
export interface PartitionWatermarks {
  topic: string;
  partition: number;
  low: number;
  high: number;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  highWatermark: number;
  /** The next offset the reader returns. */
  position: number;
  /** Backlogged events: highWatermark − position. */
  lag: number;
}

/** A reader that can also tell how far behind its partitions it is (observability, quiet-input detection). */
export interface MeasurableRecordReader extends KafkaRecordReader {
  /** Backlog per assigned partition; rejects when the broker answered for none of them. */
  lag(timeoutMs?: number): Promise<PartitionLag[]>;
  /** The high watermark of every assigned partition; undefined when any answer is missing. */
  highWatermarks(timeoutMs?: number): Promise<Map<string, number> | undefined>;
}

export interface KafkaRecordWriter {
  /**
   * Resolves once the broker acknowledged every record (acks=all), rejects on the first failure. The records
   * are queued during the call, so a write called after another is stored after it (per partition) even when
   * the first has not resolved yet.
   */
  write(topic: string, records: readonly OutgoingRecord[]): Promise<void>;
  /**
   * write() for records already packed (kafka-record-codec, OutgoingPacker), where the writer takes them in
   * that form: the bytes are taken during the call, so the caller may reuse them once it returns.
   */
  writePacked?(topic: string, packed: PackedRecords): Promise<void>;
  close(): Promise<void>;
}
