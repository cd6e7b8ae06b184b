// The legacy suites' setup: a ZooKeeper-mode broker (test/kafka-broker/legacy-broker.ts) with the suite's
// topics created. A broker that cannot create them is replaced once by a fresh one (new ports, new folder):
// now and then a freshly started ZooKeeper-mode broker never managed to create its first topic at all (the
// admin timed out after 60 s, twice in a few dozen runs with two legacy suites running side by side), while a
// new one worked. A second failure fails the suite with the broker's log.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RdkafkaAdmin, type KafkaConnection } from '../../src/connectors/kafka/index.ts';
import { startLegacyKafkaBroker, stopLegacyKafkaBroker, type LegacyKafkaBroker } from '../kafka-broker/index.ts';

export interface LegacyTopic {
  name: string;
  config: Record<string, string>;
}

const ATTEMPTS = 2;
const CREATE_TIMEOUT_MS = 30_000;

export async function startLegacyBrokerWithTopics(topics: readonly LegacyTopic[]): Promise<{ broker: LegacyKafkaBroker; connection: KafkaConnection }> {
  for (let attempt = 1; ; attempt++) {
    const broker = await startLegacyKafkaBroker();
    const connection: KafkaConnection = { bootstrapServers: [broker.bootstrap], securityProtocol: 'None' };
    const admin = new RdkafkaAdmin(connection, { timeoutMs: CREATE_TIMEOUT_MS });
    try {
      for (const t of topics) await admin.createTopic(t.name, { partitions: 1, config: t.config });
      return { broker, connection };
    } catch (err) {
      const log = (await readFile(join(broker.runDir, 'broker.log'), 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');
      await stopLegacyKafkaBroker(broker);
      if (attempt >= ATTEMPTS) throw new Error(`the legacy broker could not create the suite's topics (${attempt} brokers tried): ${(err as Error).message}; its log ends with:\n${log}`, { cause: err });
    } finally {
      await admin.close();
    }
  }
}
