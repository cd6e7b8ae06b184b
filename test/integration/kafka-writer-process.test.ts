// ProcessRecordWriter keeps the producer in a child process (src/connectors/kafka/process-record-writer.ts),
// its writes crossing in batch slots, or on the IPC channel when every slot holds a write in flight. These
// cases hold it to the writer's promises on a real broker: every record stored once and in the order written,
// whichever way it crossed; a write the broker refuses rejects with the broker's reason in the engine's
// process; closing flushes and ends the process; no slot file outlives the connection.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ProcessRecordWriter, RdkafkaAdmin, RdkafkaRecordReader, type KafkaConnection } from '../../src/connectors/kafka/index.ts';
import { processAlive } from '../helpers/process-alive.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

async function topicOf(connection: KafkaConnection, config: Record<string, string> = {}): Promise<string> {
  const topic = uniqueName('writer-process');
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions: 1, config });
  } finally {
    await admin.close();
  }
  return topic;
}

async function readValues(connection: KafkaConnection, topic: string, count: number): Promise<string[]> {
  const reader = await RdkafkaRecordReader.connect(connection, { groupId: uniqueName('writer-process-reader') });
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
    const got: string[] = [];
    const deadline = Date.now() + 20_000;
    while (got.length < count && Date.now() < deadline) for (const r of await reader.read(2000, 500)) got.push(r.value!.toString());
    return got;
  } finally {
    await reader.close();
  }
}

describe('Kafka producer in a child process', { skip: skipWithoutBroker(broker) }, () => {
  it('stores every record once, in the order written, whether a write crossed in a slot or on the channel', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await topicOf(connection);
    const writer = await ProcessRecordWriter.connect(connection, { compression: 'lz4' });
    const pid = writer.pid!;
    assert.deepEqual(writer.slotFiles.filter((f) => existsSync(f)), [], 'slot files left behind');
    const expected: string[] = [];
    const batch = (w: number, n: number, pad = '') => Array.from({ length: n }, (_, i) => {
      const value = `${w}/${i}${pad}`;
      expected.push(value);
      return { value: Buffer.from(value) };
    });
    try {
      // 40 writes at once, more than there are slots: the last ones cross on the channel. One is ~1 MB.
      const writes = Array.from({ length: 40 }, (_, w) => writer.write(topic, w === 7 ? batch(w, 1000, 'x'.repeat(1000)) : batch(w, 300)));
      await Promise.all(writes);
      // Slots are free again once their writes are answered.
      await writer.write(topic, batch(40, 10));
    } finally {
      await writer.close();
    }
    const deadline = Date.now() + 5000;
    while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(processAlive(pid), false, 'the writer process is still running after close');
    assert.deepEqual(await readValues(connection, topic, expected.length), expected);
  });

  it('a write the broker refuses rejects with its reason in the engine\'s process; the writer goes on', async () => {
    const connection = connectionFor(broker!, 'SASL_SSL', 'PLAIN');
    const topic = await topicOf(connection, { 'max.message.bytes': '2000' });
    const writer = await ProcessRecordWriter.connect(connection, { compression: 'none' });
    try {
      await assert.rejects(writer.write(topic, [{ value: Buffer.alloc(10_000, 120) }]), (err: Error & { code?: string }) => {
        assert.match(err.message, /too large|MSG_SIZE_TOO_LARGE|larger than/i);
        assert.match(err.code ?? '', /^SLUICE_KAFKA/);
        return true;
      });
      await writer.write(topic, [{ value: Buffer.from('fits') }]);
    } finally {
      await writer.close();
    }
    assert.deepEqual(await readValues(connection, topic, 1), ['fits']);
  });
});
