// Consumer lag as the metrics read it from the Kafka client: high watermark minus the reader's position,
// per assigned partition, falling as the reader catches up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReconnectingRecordReader, RdkafkaRecordWriter, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

describe('Kafka reader lag', { skip: skipWithoutBroker(broker) }, () => {
  for (const separateProcess of [false, true]) it(`reports high watermark − position per partition, 0 once everything is read (consumer in ${separateProcess ? 'a child' : 'this'} process)`, async () => {
    const plain = connectionFor(broker!, 'None');
    const topic = uniqueName('lag');
    await createTopics(plain, { [topic]: { partitions: 2 } });
    const writer = await RdkafkaRecordWriter.connect(plain);
    try {
      await writer.write(topic, Array.from({ length: 10 }, (_, i) => ({ value: Buffer.from(String(i)), partition: i < 6 ? 0 : 1 })));
    } finally {
      await writer.close();
    }
    const reader = await ReconnectingRecordReader.connect(plain, { groupId: uniqueName('lag-group'), separateProcess });
    try {
      reader.assign([{ topic, partition: 0, offset: 2 }, { topic, partition: 1, offset: 'beginning' }]);
      // Empty partitions without a position are reported only as 0; a partition with data and no position is left out.
      const before = await reader.lag();
      assert.ok(before.every((p) => p.lag === 0 ? p.highWatermark === p.position : true));
      const read: KafkaRecord[] = [];
      const deadline = Date.now() + 15_000;
      while (read.length < 2 && Date.now() < deadline) read.push(...await reader.read(1, 200));
      const readFrom = (n: number) => read.filter((r) => r.partition === n);
      // The position moves with what the application consumed, not with what librdkafka fetched ahead.
      const partial = await reader.lag();
      assert.ok(partial.length >= 1, JSON.stringify(partial));
      for (const p of partial) {
        const last = readFrom(p.partition).at(-1);
        assert.ok(last, `partition ${p.partition} reported without a position`);
        assert.equal(p.lag, p.highWatermark - (last.offset + 1));
      }
      assert.ok(partial.reduce((sum, p) => sum + p.lag, 0) > 0);
      while (read.length < 8 && Date.now() < deadline) read.push(...await reader.read(100, 200));
      for (;;) {
        const more = await reader.read(100, 300);
        if (more.length === 0) break;
        read.push(...more);
      }
      assert.equal(read.length, 8);
      const done = await reader.lag();
      assert.deepEqual(done.map((p) => [p.partition, p.highWatermark, p.position, p.lag]), [[0, 6, 6, 0], [1, 4, 4, 0]]);
    } finally {
      await reader.close();
    }
  });
});
