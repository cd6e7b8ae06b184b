// Kafka records, read from the real broker, go through the input's deserializer into the engine: a query sees
// the record timestamp as EventEnqueuedUtcTime and reads Kafka metadata with GetMetadataPropertyValue
// (sluice's Kafka counterpart of the Event Hubs properties in
// learn.microsoft.com/stream-analytics-query/getmetadatapropertyvalue); a malformed message is skipped and
// reported by position while the events around it go through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePlan } from '../../src/compile/index.ts';
import {
  RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter, buildInputBatches, kafkaEventId, type KafkaRecord, type UndecodableMessage,
} from '../../src/connectors/kafka/index.ts';
import { createDeserializer } from '../../src/formats/index.ts';
import { planScript } from '../../src/plan/index.ts';
import { MemorySink } from '../../src/spi/index.ts';
import { parseScript } from '../../src/sql/index.ts';
import { AsaDateTime } from '../../src/types/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();

const QUERY = `
SELECT
  deviceId, temp, EventEnqueuedUtcTime AS enqueued, PartitionId AS partition,
  GetMetadataPropertyValue(input, '[Kafka].[Topic]') AS topic,
  GetMetadataPropertyValue(input, '[Kafka].[Offset]') AS kafkaOffset,
  GetMetadataPropertyValue(input, '[Kafka].[Key]') AS kafkaKey,
  GetMetadataPropertyValue(input, '[Kafka].[TimestampType]') AS timestampType,
  GetMetadataPropertyValue(input, '[User].[source]') AS source,
  GetMetadataPropertyValue(input, 'EventId') AS eventId
INTO output
FROM input
WHERE temp > 20`;

describe('Kafka input into the engine', { skip: skipWithoutBroker(broker) }, () => {
  it('decodes messages, exposes metadata to the query, and skips a malformed message', async () => {
    const connection = connectionFor(broker!, 'SASL_PLAINTEXT', 'SCRAM-SHA-256');
    const topic = uniqueName('input-engine');
    const admin = new RdkafkaAdmin(connection);
    try {
      await admin.createTopic(topic, { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connection);
    try {
      await writer.write(topic, [
        { key: 'd1', partition: 0, value: Buffer.from('{"deviceId":"d1","temp":25.5}'), headers: [{ key: 'source', value: Buffer.from('line-3') }] },
        { key: 'd2', partition: 0, value: Buffer.from('{"deviceId":"d2","temp":'), headers: [] },
        { key: 'd3', partition: 1, value: Buffer.from('[{"deviceId":"d3","temp":21},{"deviceId":"d4","temp":5}]'), headers: [] },
      ]);
    } finally {
      await writer.close();
    }
    const reader = await RdkafkaRecordReader.connect(connection, { groupId: uniqueName('g') });
    const records: KafkaRecord[] = [];
    try {
      reader.assign([0, 1].map((partition) => ({ topic, partition, offset: 'beginning' as const })));
      const deadline = Date.now() + 15_000;
      while (records.length < 3 && Date.now() < deadline) records.push(...await reader.read(100, 200));
    } finally {
      await reader.close();
    }
    assert.equal(records.length, 3);

    const undecodable: UndecodableMessage[] = [];
    const batches = await buildInputBatches(records, {
      deserializer: createDeserializer({ type: 'Json' }), timestampType: 'LogAppendTime', onUndecodable: (m) => undecodable.push(m),
    });
    const sink = new MemorySink();
    const plan = planScript(parseScript(QUERY), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['output'], functions: [] }, { compatLevel: '1.2', sourceText: QUERY });
    const graph = compilePlan(plan, { sinks: { output: sink } });
    for (const b of batches) graph.push('input', b);
    await graph.close();

    assert.deepEqual(undecodable.map((m) => [m.partition, m.offset, m.code]), [[0, 1, 'SLUICE_FORMAT_JSON_SYNTAX']]);
    const rows = [...sink.rows].sort((a, b) => String(a['deviceId']).localeCompare(String(b['deviceId'])));
    assert.deepEqual(rows.map((r) => [r['deviceId'], r['topic'], r['partition'], r['kafkaOffset'], r['kafkaKey'], r['timestampType'], r['source']]), [
      ['d1', topic, 0, 0, 'd1', 'LogAppendTime', 'line-3'],
      ['d3', topic, 1, 0, 'd3', 'LogAppendTime', null],
    ]);
    const d1 = records.find((r) => r.key?.toString() === 'd1')!;
    assert.ok((rows[0]!['enqueued'] as AsaDateTime).equals(AsaDateTime.fromEpochMs(d1.timestamp)), 'EventEnqueuedUtcTime is the record timestamp');
    assert.equal(rows[0]!['eventId'], kafkaEventId(topic, 0, 0));
  });
});
