// Where a Kafka input keeps the messages it could not deserialize (sluice extension; ASA only logs them):
// a JSON-lines file or a topic on the same cluster. Each entry keeps the original key, value and headers
// (base64 in the file) with where it came from and why it failed. Entries are durable before the input
// commits past them, so a skipped message is never lost.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RdkafkaRecordWriter, type KafkaConnection, type UndecodableMessage } from '../connectors/kafka/index.ts';
import type { KafkaInputProperties } from '../job/index.ts';

export interface DeadLetterWriter {
  describe(): string;
  write(messages: readonly UndecodableMessage[]): Promise<void>;
  close(): Promise<void>;
}

const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));

class FileDeadLetters implements DeadLetterWriter {
  readonly #path: string;
  readonly #input: string;
  #handle: FileHandle | undefined;

  constructor(path: string, input: string) {
    this.#path = path;
    this.#input = input;
  }

  describe(): string {
    return `file ${this.#path}`;
  }

  async write(messages: readonly UndecodableMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (!this.#handle) {
      await mkdir(dirname(this.#path), { recursive: true });
      this.#handle = await open(this.#path, 'a', 0o600);
    }
    const lines = messages.map((m) => JSON.stringify({
      input: this.#input, topic: m.topic, partition: m.partition, offset: m.offset,
      timestamp: new Date(m.record.timestamp).toISOString(), code: m.code, reason: m.reason,
      key: b64(m.record.key), value: b64(m.record.value),
      headers: m.record.headers.map((h) => ({ key: h.key, value: h.value.toString('base64') })),
    }) + '\n').join('');
    await this.#handle.appendFile(lines);
    await this.#handle.datasync();
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }
}

class TopicDeadLetters implements DeadLetterWriter {
  readonly #writer: RdkafkaRecordWriter;
  readonly #topic: string;

  constructor(writer: RdkafkaRecordWriter, topic: string) {
    this.#writer = writer;
    this.#topic = topic;
  }

  describe(): string {
    return `topic ${this.#topic}`;
  }

  write(messages: readonly UndecodableMessage[]): Promise<void> {
    return this.#writer.write(this.#topic, messages.map((m) => ({
      key: m.record.key,
      value: m.record.value,
      headers: [
        ...m.record.headers,
        { key: 'sluice-dead-letter-source', value: Buffer.from(`${m.topic}/${m.partition}/${m.offset}`) },
        { key: 'sluice-dead-letter-reason', value: Buffer.from(`${m.reason} [${m.code}]`) },
      ],
    })));
  }

  close(): Promise<void> {
    return this.#writer.close();
  }
}

export async function openDeadLetters(props: KafkaInputProperties, connection: KafkaConnection, input: string): Promise<DeadLetterWriter | undefined> {
  const target = props.deadLetter;
  if (!target) return undefined;
  if (target.kind === 'file') return new FileDeadLetters(target.path, input);
  return new TopicDeadLetters(await RdkafkaRecordWriter.connect(connection), target.topic);
}
