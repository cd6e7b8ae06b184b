// The reader fetches the next batch while the engine processes the last one, and the writer learns of
// durability from librdkafka's flush with delivery reports for failures only (see the headers of
// rdkafka-record-reader.ts and rdkafka-record-writer.ts). These tests hold both to their promises on a real
// broker: read-ahead keeps every record in offset order and loses none when the reader closes with a batch
// fetched ahead; a write resolves only once stored, writes made while a flush runs go out together after it
// in order (group commit), and a write the broker refuses rejects.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

describe('Kafka read-ahead and write acknowledgements', { skip: skipWithoutBroker(broker) }, () => {
  const connection = () => connectionFor(broker!, 'None');
  const topic = uniqueName('read-ahead');
  const N = 5000;

  before(async () => {
    const admin = new RdkafkaAdmin(connection());
    try {
      await admin.createTopic(topic, { partitions: 1 });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connection());
    try {
      await writer.write(topic, Array.from({ length: N }, (_, i) => ({ key: null, value: Buffer.from(String(i)), partition: 0 })));
    } finally {
      await writer.close();
    }
  });

  it('full batches read ahead: every offset once, in order; closing drops the batch fetched ahead and the group resumes at the commit', async () => {
    const groupId = uniqueName('read-ahead-group');
    const first = await RdkafkaRecordReader.connect(connection(), { groupId });
    const seen: number[] = [];
    try {
      first.subscribe([topic]);
      // Full batches: each read starts the next fetch before returning.
      while (seen.length < 2000) for (const r of await first.read(500, 500)) seen.push(r.offset);
      await first.commit([{ topic, partition: 0, offset: 2000 }]);
    } finally {
      await first.close();
    }
    assert.deepEqual(seen, Array.from({ length: 2000 }, (_, i) => i));
    const second = await RdkafkaRecordReader.connect(connection(), { groupId });
    const rest: number[] = [];
    try {
      second.subscribe([topic]);
      const deadline = Date.now() + 30_000;
      while (rest.length < N - 2000 && Date.now() < deadline) for (const r of await second.read(700, 500)) rest.push(r.offset);
    } finally {
      await second.close();
    }
    assert.equal(rest.length, N - 2000);
    assert.ok(rest.every((o, i) => o === 2000 + i), 'the second member reads 2000… in order, nothing skipped');
  });

  it('a write the broker refuses rejects with its reason; the writer goes on writing', async () => {
    const small = uniqueName('small-messages');
    const admin = new RdkafkaAdmin(connection());
    try {
      await admin.createTopic(small, { partitions: 1, config: { 'max.message.bytes': '2000' } });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connection(), { compression: 'none' });
    try {
      await assert.rejects(
        writer.write(small, [{ key: null, value: Buffer.alloc(10_000, 120), partition: 0 }]),
        (err: Error) => /too large|MSG_SIZE_TOO_LARGE|larger than/i.test(err.message),
      );
      await writer.write(small, [{ key: null, value: Buffer.from('fits'), partition: 0 }]);
    } finally {
      await writer.close();
    }
    const reader = await RdkafkaRecordReader.connect(connection(), { groupId: uniqueName('small-reader') });
    try {
      reader.assign([{ topic: small, partition: 0, offset: 'beginning' }]);
      const got: string[] = [];
      const deadline = Date.now() + 15_000;
      while (got.length < 1 && Date.now() < deadline) for (const r of await reader.read(10, 500)) got.push(r.value!.toString());
      assert.deepEqual(got, ['fits']);
    } finally {
      await reader.close();
    }
  });

  it('writes made while a flush runs go out after it in order, each resolving once stored; close waits for queued writes', async () => {
    const ordered = uniqueName('group-commit');
    const admin = new RdkafkaAdmin(connection());
    try {
      await admin.createTopic(ordered, { partitions: 1 });
    } finally {
      await admin.close();
    }
    const WRITES = 40;
    const PER = 250;
    const batch = (w: number) => Array.from({ length: PER }, (_, i) => ({ key: null, value: Buffer.from(`${w}/${i}`), partition: 0 }));
    const writer = await RdkafkaRecordWriter.connect(connection(), { compression: 'lz4' });
    const reader = await RdkafkaRecordReader.connect(connection(), { groupId: uniqueName('group-commit-reader') });
    try {
      reader.assign([{ topic: ordered, partition: 0, offset: 'beginning' }]);
      // All issued at once, none awaited: all but the first come while a flush runs.
      const writes = Array.from({ length: WRITES / 2 }, (_, w) => writer.write(ordered, batch(w)));
      await writes[9];
      const high = (await reader.highWatermarks(5000))?.get(`${ordered}/0`) ?? 0;
      assert.ok(high >= 10 * PER, `write 10 resolved with only ${high} records stored`);
      await Promise.all(writes);
      // The second half is still queued or in flight when close() is called: close sends and flushes it.
      const rest = Array.from({ length: WRITES / 2 }, (_, w) => writer.write(ordered, batch(WRITES / 2 + w)));
      await writer.close();
      await Promise.all(rest);
      const got: string[] = [];
      const deadline = Date.now() + 20_000;
      while (got.length < WRITES * PER && Date.now() < deadline) for (const r of await reader.read(2000, 500)) got.push(r.value!.toString());
      assert.deepEqual(got, Array.from({ length: WRITES }, (_, w) => batch(w).map((r) => r.value.toString())).flat());
    } finally {
      await writer.close().catch(() => {});
      await reader.close();
    }
  });
});
