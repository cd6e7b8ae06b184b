// A KafkaRecordWriter whose producer runs in a child process (writer-process-main): the produce call and the
// acknowledgement bookkeeping leave the engine's JavaScript thread (see client-process.ts). A write is packed,
// crosses in a batch slot (batch-slots.ts: the IPC channel took ~200 ms to carry a write of a few hundred KB
// while both processes were busy), and resolves, as RdkafkaRecordWriter's, once the broker acknowledged
// every record in it.
import { intoSlot } from './batch-slots.ts';
import { ClientProcess, siblingModule } from './client-process.ts';
import type { FromWriterProcess, ToWriterProcess, WriterProcessOptions } from './client-process-protocol.ts';
import type { KafkaRecordWriter, OutgoingRecord, PackedRecords } from './kafka-client.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { packOutgoing } from './kafka-record-codec.ts';
import type { RdkafkaWriterOptions } from './rdkafka-record-writer.ts';

const MAIN = siblingModule('writer-process-main');
/**
 * Slots for writes in flight: more than the batches the live engine keeps unacknowledged (16), so that the
 * channel, the fallback when none is free, stays the exception.
 */
const WRITE_SLOTS = 24;

export class ProcessRecordWriter implements KafkaRecordWriter {
  readonly #process: ClientProcess<ToWriterProcess, FromWriterProcess>;
  /** Slots not holding a write in flight (the child reads a slot when the write arrives, before answering it). */
  readonly #free = Array.from({ length: WRITE_SLOTS }, (_, i) => WRITE_SLOTS - 1 - i);

  private constructor(where: string, onWarning: ((message: string) => void) | undefined) {
    this.#process = new ClientProcess(MAIN, `the Kafka writer process for ${where}`, (m) => {
      if (m.t === 'warning') onWarning?.(m.message);
    }, WRITE_SLOTS);
  }

  static async connect(connection: KafkaConnection, options: RdkafkaWriterOptions = {}): Promise<ProcessRecordWriter> {
    const writer = new ProcessRecordWriter(connection.bootstrapServers.join(','), options.onWarning);
    const sent: WriterProcessOptions = {
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.compression === undefined ? {} : { compression: options.compression }),
      ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
    };
    await writer.#process.start((id) => ({ t: 'connect', id, connection, options: sent, slots: writer.#process.slots.paths }));
    return writer;
  }

  write(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    return this.writePacked(topic, packOutgoing(records));
  }

  /** The packed bytes are copied into a slot, or into the IPC message, during the call. */
  writePacked(topic: string, packed: PackedRecords): Promise<void> {
    if (packed.count === 0) return Promise.resolve();
    const slot = this.#free.pop();
    // With no free slot, or one that could not be written, the write goes on the channel.
    const transfer = slot === undefined ? packed : intoSlot(this.#process.slots, slot, packed);
    if (slot === undefined || !('slot' in transfer)) {
      if (slot !== undefined) this.#free.push(slot);
      return this.#process.request((id) => ({ t: 'write', id, topic, packed }));
    }
    const written = this.#process.request<void>((id) => ({ t: 'write', id, topic, packed: transfer }));
    const release = (): void => {
      this.#free.push(slot);
    };
    return written.then(release, (err: unknown) => {
      release();
      throw err;
    });
  }

  /** Flushes what is still unacknowledged, then ends the process. */
  close(): Promise<void> {
    return this.#process.close((id) => ({ t: 'close', id }));
  }

  /** Where the batch slots' files were made (tests: their names are gone once connected). */
  get slotFiles(): readonly string[] {
    return this.#process.slots.paths;
  }

  /** The writer process's id (tests). */
  get pid(): number | undefined {
    return this.#process.pid;
  }
}
