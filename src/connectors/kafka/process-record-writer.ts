// A KafkaRecordWriter whose producer runs in a child process (writer-process-main): the produce call and the
// acknowledgement bookkeeping leave the engine's JavaScript thread (see client-process.ts). A write is packed
// into one message and resolves, as RdkafkaRecordWriter's, once the broker acknowledged every record in it.
import { ClientProcess, siblingModule } from './client-process.ts';
import type { FromWriterProcess, ToWriterProcess, WriterProcessOptions } from './client-process-protocol.ts';
import type { KafkaRecordWriter, OutgoingRecord, PackedRecords } from './kafka-client.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { packOutgoing } from './kafka-record-codec.ts';
import type { RdkafkaWriterOptions } from './rdkafka-record-writer.ts';

const MAIN = siblingModule('writer-process-main');

export class ProcessRecordWriter implements KafkaRecordWriter {
  readonly #process: ClientProcess<ToWriterProcess, FromWriterProcess>;

  private constructor(where: string, onWarning: ((message: string) => void) | undefined) {
    this.#process = new ClientProcess(MAIN, `the Kafka writer process for ${where}`, (m) => {
      if (m.t === 'warning') onWarning?.(m.message);
    });
  }

  static async connect(connection: KafkaConnection, options: RdkafkaWriterOptions = {}): Promise<ProcessRecordWriter> {
    const writer = new ProcessRecordWriter(connection.bootstrapServers.join(','), options.onWarning);
    const sent: WriterProcessOptions = {
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.compression === undefined ? {} : { compression: options.compression }),
      ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
    };
    await writer.#process.start((id) => ({ t: 'connect', id, connection, options: sent }));
    return writer;
  }

  write(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    return this.writePacked(topic, packOutgoing(records));
  }

  /** The packed bytes are copied into the IPC message during the call (ClientProcess.request sends at once). */
  writePacked(topic: string, packed: PackedRecords): Promise<void> {
    if (packed.count === 0) return Promise.resolve();
    return this.#process.request((id) => ({ t: 'write', id, topic, packed }));
  }

  /** Flushes what is still unacknowledged, then ends the process. */
  close(): Promise<void> {
    return this.#process.close((id) => ({ t: 'close', id }));
  }

  /** The writer process's id (tests). */
  get pid(): number | undefined {
    return this.#process.pid;
  }
}
