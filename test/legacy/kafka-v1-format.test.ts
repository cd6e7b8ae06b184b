// "Brokers from 0.10 on" (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input):
// a topic stored in the old v1 message format — Kafka 0.10's, with timestamps but no record batches — is
// read with correct LogAppendTime timestamps, its timestamp type is checked as for any topic, and the events
// go through the input path. The records are written by kcat (librdkafka's CLI); DumpLogSegments confirms
// they are stored with magic 1. This suite starts its own ZooKeeper-mode Kafka 3.9 broker, so it runs once
// whatever version the main broker is.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  RdkafkaRecordReader, buildInputBatches, readTopicTimestampType, type KafkaConnection, type KafkaRecord,
} from '../../src/connectors/kafka/index.ts';
import { createDeserializer } from '../../src/formats/index.ts';
import { runKafkaTool, stopLegacyKafkaBroker, type LegacyKafkaBroker } from '../kafka-broker/index.ts';
import { startLegacyBrokerWithTopics } from './legacy-broker-with-topics.ts';


describe('a topic in the Kafka 0.10 message format (v1)', () => {
  let broker: LegacyKafkaBroker;
  let connection: KafkaConnection;
  const topic = 'readings-v1';
  let sentFrom = 0;
  let sentTo = 0;

  before(async () => {
    ({ broker, connection } = await startLegacyBrokerWithTopics([
      { name: topic, config: { 'message.timestamp.type': 'LogAppendTime', 'message.format.version': '0.10.2' } },
    ]));
    sentFrom = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = execFile('kcat', ['-P', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-K', '\t'], (err) => (err ? reject(err) : resolve()));
      child.stdin!.end('d1\t{"deviceId":"d1","temp":21.5}\nd2\t{"deviceId":"d2","temp":19}\n');
    });
    sentTo = Date.now();
  });
  after(async () => {
    if (broker) await stopLegacyKafkaBroker(broker);
  });

  it('is stored with magic 1 (the v1 format), LogAppendTime', async () => {
    const { stdout } = await runKafkaTool(broker, 'kafka.tools.DumpLogSegments', ['--files', join(broker.dataDir, `${topic}-0`, '00000000000000000000.log')]);
    const lines = stdout.split('\n').filter((l) => l.includes('magic:'));
    assert.equal(lines.length, 2, stdout);
    for (const l of lines) {
      assert.match(l, /magic: 1\b/);
      assert.match(l, /LogAppendTime: \d+/);
    }
  });

  it('its timestamp type reads as LogAppendTime', async () => {
    assert.equal(await readTopicTimestampType(connection, topic), 'LogAppendTime');
  });

  it('is read with the broker\'s append times and decoded into events', async () => {
    const reader = await RdkafkaRecordReader.connect(connection, { groupId: 'legacy-reader' });
    const records: KafkaRecord[] = [];
    try {
      reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
      const deadline = Date.now() + 15_000;
      while (records.length < 2 && Date.now() < deadline) records.push(...await reader.read(10, 200));
    } finally {
      await reader.close();
    }
    assert.deepEqual(records.map((r) => r.key?.toString()), ['d1', 'd2']);
    for (const r of records) assert.ok(r.timestamp >= sentFrom - 1000 && r.timestamp <= sentTo + 1000, `timestamp ${r.timestamp} is not the append time`);
    const [batch] = await buildInputBatches(records, { deserializer: createDeserializer({ type: 'Json' }), timestampType: 'LogAppendTime', onUndecodable: () => assert.fail('undecodable') });
    assert.deepEqual(batch!.rows, [{ deviceId: 'd1', temp: 21.5 }, { deviceId: 'd2', temp: 19 }]);
    assert.deepEqual([...batch!.arrivalMs], records.map((r) => r.timestamp));
  });
});
