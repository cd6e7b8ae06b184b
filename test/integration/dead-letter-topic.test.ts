// A Kafka input's DeadLetterTopic (sluice extension): a message that cannot be deserialized is copied to the
// topic with its key, value and headers, plus where it came from and why it failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDeadLetters } from '../../src/app/dead-letter.ts';
import { RdkafkaAdmin, RdkafkaRecordReader, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import type { KafkaInputProperties } from '../../src/job/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

describe('dead-letter topic', { skip: skipWithoutBroker(broker) }, () => {
  it('keeps the original message with its source and reason in headers', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = uniqueName('dlq');
    const admin = new RdkafkaAdmin(connection);
    try {
      await admin.createTopic(topic, { partitions: 1 });
    } finally {
      await admin.close();
    }
    const props = { deadLetter: { kind: 'topic', topic } } as KafkaInputProperties;
    const dlq = await openDeadLetters(props, connection, 'readings');
    const original: KafkaRecord = { topic: 'in', partition: 2, offset: 41, key: Buffer.from('d7'), value: Buffer.from('{"bad":'), timestamp: 1, headers: [{ key: 'source', value: Buffer.from('gw-1') }] };
    await dlq!.write([{ topic: 'in', partition: 2, offset: 41, code: 'SLUICE_FORMAT_JSON_SYNTAX', reason: 'invalid JSON at line 1, column 8', record: original }]);
    await dlq!.close();
    const reader = await RdkafkaRecordReader.connect(connection, { groupId: uniqueName('g') });
    const got: KafkaRecord[] = [];
    try {
      reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
      const deadline = Date.now() + 10_000;
      while (got.length < 1 && Date.now() < deadline) got.push(...await reader.read(10, 200));
    } finally {
      await reader.close();
    }
    assert.equal(got.length, 1);
    assert.equal(got[0]!.key?.toString(), 'd7');
    assert.equal(got[0]!.value?.toString(), '{"bad":');
    assert.deepEqual(got[0]!.headers.map((h) => [h.key, h.value.toString()]), [
      ['source', 'gw-1'],
      ['sluice-dead-letter-source', 'in/2/41'],
      ['sluice-dead-letter-reason', 'invalid JSON at line 1, column 8 [SLUICE_FORMAT_JSON_SYNTAX]'],
    ]);
  });
});
