// ASA's Kafka output (learn.microsoft.com/azure/stream-analytics/kafka-output), verified by consumers we did
// not write: kcat (librdkafka's CLI) and Apache Kafka's Java consumer. One message per row, the PartitionKey
// column as the message key, each compression codec, JSON and CSV serialization.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { KafkaOutputSink, RdkafkaAdmin, RdkafkaRecordWriter, type KafkaCompression } from '../../src/connectors/kafka/index.ts';
import { createSerializer } from '../../src/formats/index.ts';
import { AsaDateTime } from '../../src/types/index.ts';
import { runJavaConsumer } from '../kafka-broker/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const run = promisify(execFile);
const broker = requireBroker();
const ROWS = [
  { deviceId: 'd1', avgTemp: 21.5, windowEnd: AsaDateTime.fromEpochMs(Date.UTC(2024, 0, 1, 0, 0, 10)) },
  { deviceId: 'd2', avgTemp: -3, windowEnd: AsaDateTime.fromEpochMs(Date.UTC(2024, 0, 1, 0, 0, 10)) },
];

async function writeRows(compression: KafkaCompression, format: 'Json' | 'Csv'): Promise<string> {
  const connection = connectionFor(broker!, 'None');
  const topic = uniqueName(`out-${compression}-${format.toLowerCase()}`);
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions: 1 });
  } finally {
    await admin.close();
  }
  const sink = new KafkaOutputSink(await RdkafkaRecordWriter.connect(connection, { compression }), {
    topic, partitionKey: 'deviceId', serializer: createSerializer(format === 'Json' ? { type: 'Json', format: 'LineSeparated' } : { type: 'Csv', fieldDelimiter: ',' }),
  });
  await sink.write(ROWS);
  await sink.close();
  return topic;
}

describe('the Kafka output, read by consumers we did not write', { skip: skipWithoutBroker(broker) }, () => {
  for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
    it(`${compression}: kcat reads one JSON message per row, keyed by PartitionKey`, async () => {
      const topic = await writeRows(compression, 'Json');
      const { stdout } = await run('kcat', ['-C', '-b', broker!.bootstrap.plaintext, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\t%s\n']);
      assert.deepEqual(stdout.trim().split('\n').map((l) => l.split('\t')), [
        ['d1', '{"deviceId":"d1","avgTemp":21.5,"windowEnd":"2024-01-01T00:00:10.0000000Z"}'],
        ['d2', '{"deviceId":"d2","avgTemp":-3,"windowEnd":"2024-01-01T00:00:10.0000000Z"}'],
      ]);
    });
  }

  it('the Java consumer reads the same messages (zstd, CSV serialization)', async () => {
    const topic = await writeRows('zstd', 'Csv');
    const records = await runJavaConsumer(broker!, topic, 2);
    assert.equal(records.length, 2);
    assert.deepEqual(records.map(([k]) => k), ['d1', 'd2']);
    assert.match(records[0]![1], /^deviceId,avgTemp,windowEnd\r?\nd1,21\.5,2024-01-01T00:00:10\.0000000Z/);
  });
});
