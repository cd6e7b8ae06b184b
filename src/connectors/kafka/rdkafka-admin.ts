// KafkaAdmin on librdkafka's admin client: what the harness, `sluice check` and start-up checks need.
import kafka from '@confluentinc/kafka-javascript';
import type { IAdminClient, LibrdKafkaError } from '@confluentinc/kafka-javascript';
import type { KafkaAdmin, NewTopicSpec, TopicDescription } from './kafka-client.ts';
import { connectionSecrets, librdkafkaConnectionConfig, type KafkaConnection } from './kafka-connection.ts';
import { kafkaError } from './kafka-errors.ts';

export interface RdkafkaAdminOptions {
  /** Per-request deadline; librdkafka would otherwise retry an unreachable cluster for a long time. */
  timeoutMs?: number;
}

export class RdkafkaAdmin implements KafkaAdmin {
  readonly #client: IAdminClient;
  readonly #secrets: string[];
  readonly #timeoutMs: number;
  readonly #where: string;

  constructor(connection: KafkaConnection, options: RdkafkaAdminOptions = {}) {
    this.#secrets = connectionSecrets(connection);
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#where = connection.bootstrapServers.join(',');
    this.#client = kafka.AdminClient.create({ ...librdkafkaConnectionConfig(connection), 'log_level': 0 });
  }

  #call<T>(what: string, start: (cb: (err: LibrdKafkaError | null | undefined, result?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      start((err, result) => (err ? reject(kafkaError(err, `${what} on ${this.#where}`, this.#secrets)) : resolve(result as T)));
    });
  }

  createTopic(name: string, spec: NewTopicSpec): Promise<void> {
    return this.#call(`creating topic "${name}"`, (cb) =>
      this.#client.createTopic(
        { topic: name, num_partitions: spec.partitions, replication_factor: spec.replicationFactor ?? 1, config: { ...spec.config } },
        this.#timeoutMs,
        (err) => cb(err),
      ));
  }

  deleteTopic(name: string): Promise<void> {
    return this.#call(`deleting topic "${name}"`, (cb) => this.#client.deleteTopic(name, this.#timeoutMs, (err) => cb(err)));
  }

  listTopics(): Promise<string[]> {
    return this.#call<string[]>('listing topics', (cb) => this.#client.listTopics({ timeout: this.#timeoutMs }, cb));
  }

  async describeTopic(name: string): Promise<TopicDescription> {
    const [description] = await this.#call<Array<{ name: string; partitions: Array<{ partition: number }>; error?: LibrdKafkaError }>>(
      `describing topic "${name}"`,
      (cb) => this.#client.describeTopics([name], { timeout: this.#timeoutMs }, cb),
    );
    if (!description) throw kafkaError({ code: 3, message: 'no description returned' }, `describing topic "${name}"`);
    if (description.error && description.error.code !== 0) throw kafkaError(description.error, `describing topic "${name}"`, this.#secrets);
    return { name: description.name, partitions: description.partitions.map((p) => p.partition).sort((a, b) => a - b) };
  }

  async close(): Promise<void> {
    this.#client.disconnect();
  }
}
