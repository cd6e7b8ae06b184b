// The messages between the engine's process and the child processes that hold its Kafka clients
// (reader-process-main, writer-process-main). Requests carry an id and get exactly one reply with it; errors
// cross as the fields of a SluiceError, rebuilt on the other side with their code, domain and hint intact.
import { SluiceError, type ErrorCode, type ErrorDomain } from '../../common/index.ts';
import type { StartOffset, TopicPartition, TopicPartitionOffset } from './kafka-client.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import type { PackedTransfer } from './batch-slots.ts';
import type { KafkaCompression } from './rdkafka-record-writer.ts';

export interface SerializedError {
  code: ErrorCode;
  message: string;
  domain: ErrorDomain;
  retryable: boolean;
  hint?: string;
  details: Readonly<Record<string, string | number | boolean>>;
}

/** The answer to a request (id); a packed batch, a value, or the error that stopped it. */
export interface Reply {
  t: 'reply';
  id: number;
  value?: unknown;
  error?: SerializedError;
}

/** The serializable part of RdkafkaReaderOptions. */
export interface ReaderProcessOptions {
  groupId: string;
  connectTimeoutMs?: number;
  tuning?: Readonly<Record<string, string | number | boolean>>;
}

export type ToReaderProcess =
  /** `slots`: the files batches are handed over in (BatchSlots), opened before the reply. */
  | { t: 'connect'; id: number; connection: KafkaConnection; options: ReaderProcessOptions; slots: readonly string[] }
  | { t: 'subscribe'; topics: readonly string[]; startAtMs: number | undefined }
  | { t: 'assign'; partitions: ReadonlyArray<{ topic: string; partition: number; offset: StartOffset }> }
  /** Answered with a PackedTransfer; the batch goes into batch slot `slot`, free once the engine read the last one there. */
  | { t: 'read'; id: number; max: number; timeoutMs: number; slot: number }
  | { t: 'commit'; id: number; offsets: readonly TopicPartitionOffset[] }
  | { t: 'watermarks'; id: number; timeoutMs: number }
  | { t: 'highWatermarks'; id: number; timeoutMs: number }
  | { t: 'close'; id: number }
  /** The answer to an 'assigning' request: each partition's start offset (undefined: the group's rule). */
  | { t: 'positions'; id: number; positions: ReadonlyArray<number | undefined> };

export type FromReaderProcess =
  | Reply
  /** The group assigns these partitions; the process waits for their positions before reading them. */
  | { t: 'assigning'; id: number; partitions: TopicPartition[] }
  | { t: 'revoked'; partitions: TopicPartition[] };

/** The serializable part of RdkafkaWriterOptions. */
export interface WriterProcessOptions {
  connectTimeoutMs?: number;
  compression?: KafkaCompression;
  tuning?: Readonly<Record<string, string | number | boolean>>;
}

export type ToWriterProcess =
  /** `slots`: the files writes may come in (BatchSlots), opened before the reply. */
  | { t: 'connect'; id: number; connection: KafkaConnection; options: WriterProcessOptions; slots: readonly string[] }
  /** A slot named here is read when the message arrives; the engine reuses it once this write is answered. */
  | { t: 'write'; id: number; topic: string; packed: PackedTransfer }
  | { t: 'close'; id: number };

export type FromWriterProcess =
  | Reply
  /** RdkafkaWriterOptions.onWarning, said in the writer process. */
  | { t: 'warning'; message: string };

const INTERNAL_SUFFIX = ' (this is a bug in sluice; please report it)';

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SluiceError) {
    return {
      code: err.code, message: err.message, domain: err.domain, retryable: err.retryable, details: err.details,
      ...(err.hint === undefined ? {} : { hint: err.hint }),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'SLUICE_KAFKA_CLIENT', message: `Kafka client process: ${message}`, domain: 'internal', retryable: false, details: {} };
}

export function deserializeError(e: SerializedError): SluiceError {
  // The constructor appends the internal-error sentence again; the message already has it.
  const message = e.domain === 'internal' && e.message.endsWith(INTERNAL_SUFFIX) ? e.message.slice(0, -INTERNAL_SUFFIX.length) : e.message;
  return new SluiceError(e.code, message, {
    domain: e.domain, retryable: e.retryable, details: e.details, ...(e.hint === undefined ? {} : { hint: e.hint }),
  });
}
