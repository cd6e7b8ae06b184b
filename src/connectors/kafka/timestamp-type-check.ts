// ASA's Kafka input accepts only topics whose timestamp type is LogAppendTime: the record timestamp is the
// event's arrival time (EventEnqueuedUtcTime), and a producer-set CreateTime would let producers move
// events in time. sluice enforces the same rule at start-up, with an opt-out ASA does not have.
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input: "The only timestamp type
// Azure Stream Analytics supports is LogAppendTime.")
import { SluiceError } from '../../common/index.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { readTopicConfig, type TopicConfigReadOptions } from './topic-config-reader.ts';

export type KafkaTimestampType = 'LogAppendTime' | 'CreateTime';

export async function readTopicTimestampType(
  connection: KafkaConnection,
  topic: string,
  options?: TopicConfigReadOptions,
): Promise<KafkaTimestampType> {
  const value = (await readTopicConfig(connection, topic, ['message.timestamp.type'], options)).get('message.timestamp.type');
  // The broker always reports this key; CreateTime is Kafka's default when a topic does not override it.
  return value === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime';
}

/** The command that switches a topic to LogAppendTime, with Kafka's own tool. */
export function fixTimestampTypeCommand(bootstrapServers: readonly string[], topic: string): string {
  return `kafka-configs.sh --bootstrap-server ${bootstrapServers[0] ?? '<broker:port>'} --alter --entity-type topics ` +
    `--entity-name ${topic} --add-config message.timestamp.type=LogAppendTime`;
}

/**
 * Throws unless the topic's timestamp type is acceptable. `accepted` is the input's TimestampType setting:
 * LogAppendTime (ASA's rule, the default) or CreateTime (sluice's extension: the input then takes the
 * producer's timestamp as arrival time, knowingly).
 */
export function assertTimestampType(
  topic: string,
  actual: KafkaTimestampType,
  accepted: KafkaTimestampType,
  bootstrapServers: readonly string[],
): void {
  if (actual === accepted) return;
  if (accepted === 'CreateTime' && actual === 'LogAppendTime') return; // broker time is always acceptable
  throw new SluiceError(
    'SLUICE_KAFKA_TIMESTAMP_TYPE',
    `topic "${topic}" uses message.timestamp.type=${actual}, but a Kafka input needs LogAppendTime ` +
      '(the record timestamp is the event\'s arrival time, EventEnqueuedUtcTime)',
    {
      domain: 'user',
      details: { topic, timestampType: actual },
      hint: `run: ${fixTimestampTypeCommand(bootstrapServers, topic)} — or, knowingly, set "TimestampType": "CreateTime" on the input`,
    },
  );
}
