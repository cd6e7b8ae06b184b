// The Kafka output's HeaderColumns (a sluice extension: ASA's Kafka output sets no headers): the named
// columns' values go out as message headers, read back by kcat (librdkafka's CLI, an independent
// consumer); a NULL value sends no header; the payload keeps every column. Also parsed from a project's
// output file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { KafkaOutputSink, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { createSerializer } from '../../src/formats/index.ts';
import { parseOutputDefinition } from '../../src/job/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const run = promisify(execFile);

describe('Kafka output HeaderColumns', { skip: skipWithoutBroker(broker) }, () => {
  it('parses HeaderColumns from an output file, as a list or comma-separated', () => {
    for (const HeaderColumns of [['deviceId', 'site'], 'deviceId, site']) {
      const r = parseOutputDefinition({ Name: 'o', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'localhost:9092', Topic: 't', HeaderColumns }, Serialization: { Type: 'Json' } });
      assert.ok(r.ok, JSON.stringify(r.issues));
      assert.deepEqual(r.value.sink.kind === 'kafka' ? r.value.sink.properties.headerColumns : undefined, ['deviceId', 'site']);
    }
    const bad = parseOutputDefinition({ Name: 'o', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'localhost:9092', Topic: 't', HeaderColumns: [] }, Serialization: { Type: 'Json' } });
    assert.equal(bad.ok, false);
    assert.match(bad.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'), /HeaderColumns: must name at least one column/);
  });

  it('sends the named columns as headers, read back by kcat', async () => {
    const topic = uniqueName('headers');
    const plain = connectionFor(broker!, 'None');
    await createTopics(plain, { [topic]: { partitions: 1 } });
    const writer = await RdkafkaRecordWriter.connect(plain);
    const sink = new KafkaOutputSink(writer, { topic, serializer: createSerializer({ type: 'Json' }), partitionKey: 'deviceId', headerColumns: ['deviceId', 'site', 'n'] });
    try {
      await sink.write([{ deviceId: 'd1', site: 'north', n: 7, temp: 21.5 }, { deviceId: 'd2', site: null, n: 9007199254740993n, temp: 3 }]);
    } finally {
      await sink.close();
    }
    const { stdout } = await run('kcat', ['-C', '-b', broker!.bootstrap.plaintext, '-t', topic, '-e', '-q', '-f', '%k|%h|%s\\n'], { timeout: 20_000 });
    assert.deepEqual(stdout.trim().split('\n'), [
      'd1|deviceId=d1,site=north,n=7|{"deviceId":"d1","site":"north","n":7,"temp":21.5}',
      'd2|deviceId=d2,n=9007199254740993|{"deviceId":"d2","site":null,"n":9007199254740993,"temp":3}',
    ]);
  });
});
