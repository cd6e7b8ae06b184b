// Proves the test harness and our Kafka client together: one record produced and consumed over each of the
// broker's four listeners (ASA's None, SASL_PLAINTEXT, mTLS and SASL_SSL, with every SASL mechanism), on
// a topic with message.timestamp.type=LogAppendTime — the only timestamp type ASA's Kafka input accepts
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter,
  type KafkaConnection, type KafkaRecord, type KafkaSaslMechanism, type KafkaSecurityProtocol,
} from '../../src/connectors/kafka/index.ts';
import { testCertificates } from '../../src/secrets/test-support/test-certificates.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const run = promisify(execFile);
const broker = requireBroker();
// A producer timestamp far in the past: a LogAppendTime topic must replace it with the broker's clock.
const PRODUCER_TIMESTAMP = Date.UTC(2001, 0, 1);

async function readOne(connection: KafkaConnection, topic: string): Promise<KafkaRecord> {
  const reader = await RdkafkaRecordReader.connect(connection, { groupId: uniqueName('smoke') });
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const [record] = await reader.read(10, 500);
      if (record) return record;
    }
    throw new Error(`no record arrived on ${topic} within 15 s`);
  } finally {
    await reader.close();
  }
}

async function roundTrip(connection: KafkaConnection, timestampType: 'LogAppendTime' | 'CreateTime') {
  const topic = uniqueName(`smoke-${connection.securityProtocol.toLowerCase()}`);
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions: 1, config: { 'message.timestamp.type': timestampType } });
  } finally {
    await admin.close();
  }
  const writer = await RdkafkaRecordWriter.connect(connection);
  const sentAt = Date.now();
  try {
    await writer.write(topic, [{
      key: 'device-1',
      value: Buffer.from(JSON.stringify({ temp: 21.5 })),
      partition: 0,
      timestamp: PRODUCER_TIMESTAMP,
      headers: [{ key: 'source', value: Buffer.from('smoke') }],
    }]);
  } finally {
    await writer.close();
  }
  const record = await readOne(connection, topic);
  return { topic, record, sentAt, receivedAt: Date.now() };
}

const cases: Array<[KafkaSecurityProtocol, KafkaSaslMechanism?]> = [
  ['None'],
  ['SASL_PLAINTEXT', 'PLAIN'],
  ['SASL_PLAINTEXT', 'SCRAM-SHA-256'],
  ['SASL_PLAINTEXT', 'SCRAM-SHA-512'],
  ['mTLS'],
  ['SASL_SSL', 'PLAIN'],
  ['SASL_SSL', 'SCRAM-SHA-256'],
  ['SASL_SSL', 'SCRAM-SHA-512'],
];

describe(`real Kafka broker ${broker?.version ?? ''}: one record over each listener`, { skip: skipWithoutBroker(broker) }, () => {
  for (const [protocol, mechanism] of cases) {
    it(`${protocol}${mechanism ? ` ${mechanism}` : ''}: produced and consumed with a LogAppendTime timestamp`, async () => {
      const { record, sentAt, receivedAt } = await roundTrip(connectionFor(broker!, protocol, mechanism), 'LogAppendTime');
      assert.equal(record.key?.toString(), 'device-1');
      assert.deepEqual(JSON.parse(record.value!.toString()), { temp: 21.5 });
      assert.deepEqual(record.headers.map((h) => [h.key, h.value.toString()]), [['source', 'smoke']]);
      assert.notEqual(record.timestamp, PRODUCER_TIMESTAMP, 'the broker must have replaced the producer timestamp');
      assert.ok(record.timestamp >= sentAt - 2000 && record.timestamp <= receivedAt + 2000,
        `timestamp ${new Date(record.timestamp).toISOString()} is not the broker's append time`);
    });
  }

  it('CreateTime control: the producer timestamp survives, so the LogAppendTime assertions above mean something', async () => {
    const { record } = await roundTrip(connectionFor(broker!, 'None'), 'CreateTime');
    assert.equal(record.timestamp, PRODUCER_TIMESTAMP);
  });

  describe('independent check with kcat (librdkafka CLI)', () => {
    let topic = '';
    before(async () => {
      ({ topic } = await roundTrip(connectionFor(broker!, 'None'), 'LogAppendTime'));
    });

    it('reports the record timestamp type as LogAppendTime over PLAINTEXT', async () => {
      const { stdout } = await run('kcat', ['-C', '-b', broker!.bootstrap.plaintext, '-t', topic, '-o', 'beginning', '-e', '-J', '-q']);
      const line = JSON.parse(stdout.trim().split('\n')[0]!) as { tstype: string; key: string };
      assert.equal(line.tstype, 'logappend');
      assert.equal(line.key, 'device-1');
    });

    it('reads it over the mTLS listener with the client certificate, verifying the broker host name', async () => {
      const { stdout } = await run('kcat', [
        '-C', '-b', broker!.bootstrap.ssl, '-t', topic, '-o', 'beginning', '-e', '-J', '-q',
        '-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${broker!.tls.caPath}`,
        '-X', `ssl.certificate.location=${broker!.tls.clientCertPath}`, '-X', `ssl.key.location=${broker!.tls.clientKeyPath}`,
        '-X', 'ssl.endpoint.identification.algorithm=https',
      ]);
      assert.equal((JSON.parse(stdout.trim().split('\n')[0]!) as { tstype: string }).tstype, 'logappend');
    });
  });

  describe('failures are fast and specific, and never show the secret', () => {
    it('a wrong SASL password fails authentication within 15 s', async () => {
      const good = connectionFor(broker!, 'SASL_PLAINTEXT', 'SCRAM-SHA-256');
      const wrongPassword = 'not-the-password-' + uniqueName('x');
      const t0 = Date.now();
      await assert.rejects(
        RdkafkaRecordWriter.connect({ ...good, sasl: { ...good.sasl!, password: wrongPassword } }),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'SLUICE_KAFKA_AUTHENTICATION');
          assert.ok(!err.message.includes(wrongPassword), 'the password leaked into the error');
          return true;
        },
      );
      assert.ok(Date.now() - t0 < 15_000);
    });

    it('a CA that did not sign the broker certificate fails the TLS handshake', async () => {
      const good = connectionFor(broker!, 'SASL_SSL', 'PLAIN');
      // The client certificate is a valid PEM certificate, but not the CA of the broker's certificate.
      await assert.rejects(
        RdkafkaRecordWriter.connect({ ...good, tls: { caPem: broker!.tls.clientCertPem } }),
        (err: Error & { code?: string }) => err.code === 'SLUICE_KAFKA_TLS',
      );
    });

    it('a client certificate the broker does not trust (another CA) is refused in the TLS handshake', async () => {
      const good = connectionFor(broker!, 'mTLS');
      // A valid certificate and key, but from a CA the broker does not know.
      const foreign = testCertificates();
      const t0 = Date.now();
      await assert.rejects(
        RdkafkaRecordWriter.connect({ ...good, tls: { caPem: broker!.tls.caPem, certificatePem: foreign.leafPem, keyPem: foreign.leafKeyPem } }),
        (err: Error & { code?: string }) => err.code === 'SLUICE_KAFKA_TLS',
      );
      assert.ok(Date.now() - t0 < 15_000);
    });

    it('an unreachable broker fails at the connect deadline with the concrete reason', async () => {
      const t0 = Date.now();
      await assert.rejects(
        RdkafkaRecordWriter.connect({ bootstrapServers: ['127.0.0.1:1'], securityProtocol: 'None' }, { connectTimeoutMs: 3000 }),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'SLUICE_KAFKA_UNREACHABLE');
          assert.match(err.message, /Connection refused/);
          return true;
        },
      );
      const elapsed = Date.now() - t0;
      assert.ok(elapsed >= 2500 && elapsed < 6000, `gave up after ${elapsed} ms, not at the 3000 ms deadline`);
    });
  });
});
