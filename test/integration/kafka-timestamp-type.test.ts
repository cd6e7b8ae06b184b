// ASA's Kafka input accepts only LogAppendTime topics
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input). These tests read the
// topic's message.timestamp.type from the real broker over every security protocol, and check that the
// fix the error message recommends is a command Kafka's own tool accepts and that it works.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  RdkafkaAdmin, assertTimestampType, readTopicTimestampType, type KafkaConnection, type KafkaSaslMechanism,
  type KafkaSecurityProtocol,
} from '../../src/connectors/kafka/index.ts';
import { runKafkaTool } from '../kafka-broker/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

async function createTopic(connection: KafkaConnection, type: 'LogAppendTime' | 'CreateTime'): Promise<string> {
  const topic = uniqueName(`tstype-${type.toLowerCase()}`);
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions: 1, config: { 'message.timestamp.type': type } });
  } finally {
    await admin.close();
  }
  return topic;
}

const expectCode = (code: string) => (err: Error & { code?: string }) => {
  assert.equal(err.code, code, err.message);
  return true;
};

describe('topic timestamp type check', { skip: skipWithoutBroker(broker) }, () => {
  const protocols: Array<[KafkaSecurityProtocol, KafkaSaslMechanism?]> = [
    ['None'], ['SASL_PLAINTEXT', 'SCRAM-SHA-256'], ['SASL_SSL', 'SCRAM-SHA-512'], ['SASL_SSL', 'PLAIN'], ['mTLS'],
  ];
  for (const [protocol, mechanism] of protocols) {
    it(`reads LogAppendTime over ${protocol}${mechanism ? ` ${mechanism}` : ''}`, async () => {
      const connection = connectionFor(broker!, protocol, mechanism);
      const topic = await createTopic(connection, 'LogAppendTime');
      assert.equal(await readTopicTimestampType(connection, topic), 'LogAppendTime');
    });
  }

  it('refuses a CreateTime topic, names it, and recommends a kafka-configs command that fixes it', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await createTopic(connection, 'CreateTime');
    const actual = await readTopicTimestampType(connection, topic);
    assert.equal(actual, 'CreateTime');
    let hint = '';
    assert.throws(() => assertTimestampType(topic, actual, 'LogAppendTime', connection.bootstrapServers), (err: Error & { code?: string; hint?: string }) => {
      assert.equal(err.code, 'SLUICE_KAFKA_TIMESTAMP_TYPE');
      assert.match(err.message, new RegExp(`topic "${topic}" uses message.timestamp.type=CreateTime`));
      hint = err.hint ?? '';
      return true;
    });
    // Run exactly the recommended command with Kafka's own tool, then read the type again.
    const command = /run: (kafka-configs\.sh .*?) —/.exec(hint)?.[1];
    assert.ok(command, `no command in the hint: ${hint}`);
    await runKafkaTool(broker!, 'kafka.admin.ConfigCommand', command.split(' ').slice(1));
    assert.equal(await readTopicTimestampType(connection, topic), 'LogAppendTime');
  });

  it('accepts a CreateTime topic when the input opts in with TimestampType CreateTime', () => {
    assert.doesNotThrow(() => assertTimestampType('t', 'CreateTime', 'CreateTime', ['b:1']));
    assert.doesNotThrow(() => assertTimestampType('t', 'LogAppendTime', 'CreateTime', ['b:1']));
  });

  it('reports a missing topic as such', async () => {
    await assert.rejects(readTopicTimestampType(connectionFor(broker!, 'None'), uniqueName('missing')), expectCode('SLUICE_KAFKA_UNKNOWN_TOPIC'));
  });

  it('reports a wrong password as an authentication failure without showing it', async () => {
    const good = connectionFor(broker!, 'SASL_PLAINTEXT', 'SCRAM-SHA-512');
    const password = uniqueName('wrong-password');
    await assert.rejects(readTopicTimestampType({ ...good, sasl: { ...good.sasl!, password } }, 'any'), (err: Error & { code?: string }) => {
      expectCode('SLUICE_KAFKA_AUTHENTICATION')(err);
      assert.ok(!err.message.includes(password));
      return true;
    });
  });

  it('reports an untrusted broker certificate as a TLS failure', async () => {
    const good = connectionFor(broker!, 'SASL_SSL', 'PLAIN');
    await assert.rejects(readTopicTimestampType({ ...good, tls: { caPem: broker!.tls.clientCertPem } }, 'any'), expectCode('SLUICE_KAFKA_TLS'));
  });

  it('reports an unreachable broker quickly', async () => {
    const t0 = Date.now();
    await assert.rejects(readTopicTimestampType({ bootstrapServers: ['127.0.0.1:1'], securityProtocol: 'None' }, 'any', { timeoutMs: 2000 }), expectCode('SLUICE_KAFKA_UNREACHABLE'));
    assert.ok(Date.now() - t0 < 15_000);
  });
});
