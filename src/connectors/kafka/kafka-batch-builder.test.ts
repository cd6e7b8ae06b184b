import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDeserializer } from '../../formats/index.ts';
import { AsaDateTime } from '../../types/index.ts';
import type { KafkaRecord } from './kafka-client.ts';
import { buildInputBatches, type UndecodableMessage } from './kafka-batch-builder.ts';
import { kafkaEventId, metadataPath } from './kafka-metadata.ts';

const rec = (partition: number, offset: number, value: string | null, extra: Partial<KafkaRecord> = {}): KafkaRecord => ({
  topic: 't', partition, offset, key: Buffer.from(`k${offset}`), value: value === null ? null : Buffer.from(value),
  timestamp: 1_700_000_000_000 + offset, headers: [{ key: 'Source', value: Buffer.from('sensor') }], ...extra,
});

describe('buildInputBatches', () => {
  it('makes one batch per partition, several events per message, the record timestamp as arrival time', async () => {
    const bad: UndecodableMessage[] = [];
    const batches = await buildInputBatches(
      [rec(0, 10, '{"a":1}'), rec(1, 5, '[{"a":2},{"a":3}]'), rec(0, 11, '{"a":'), rec(0, 12, null), rec(0, 13, '{"a":4}')],
      { deserializer: createDeserializer({ type: 'Json' }), timestampType: 'LogAppendTime', onUndecodable: (m) => bad.push(m) },
    );
    assert.deepEqual(batches.map((b) => [b.partitionId, b.rows, [...b.arrivalMs]]), [
      [0, [{ a: 1 }, { a: 4 }], [1_700_000_000_010, 1_700_000_000_013]],
      [1, [{ a: 2 }, { a: 3 }], [1_700_000_000_005, 1_700_000_000_005]],
    ]);
    assert.deepEqual(bad.map((m) => [m.partition, m.offset, m.code]), [[0, 11, 'SLUICE_FORMAT_JSON_SYNTAX']]);
    assert.ok(!bad[0]!.reason.includes('{"a":'), 'the reason must not quote the payload');
  });

  it('serves Kafka metadata for each row, including rows that share a message', async () => {
    const [batch] = await buildInputBatches([rec(1, 5, '[{"a":2},{"a":3}]')], {
      deserializer: createDeserializer({ type: 'Json' }), timestampType: 'LogAppendTime', onUndecodable: () => {},
    });
    const md = batch!.metadata!;
    assert.equal(md(1, '[Kafka].[Offset]'), 5);
    assert.equal(md(1, 'kafka.topic'), 't');
    assert.equal(md(0, '[Kafka].[Key]'), 'k5');
    assert.equal(md(0, '[Kafka].[TimestampType]'), 'LogAppendTime');
    assert.ok((md(0, '[Kafka].[Timestamp]') as AsaDateTime).equals(AsaDateTime.fromEpochMs(1_700_000_000_005)));
    assert.equal(md(0, '[User].[source]'), 'sensor');
    assert.deepEqual(md(0, '[User]'), { Source: 'sensor' });
    assert.equal(md(0, 'EventId'), kafkaEventId('t', 1, 5));
    assert.equal(md(0, '[Kafka].[NoSuchThing]'), null);
  });
});

describe('kafka metadata helpers', () => {
  it('parses bracketed and dotted property paths case-insensitively', () => {
    assert.deepEqual(metadataPath('[Kafka].[Topic]'), ['kafka', 'topic']);
    assert.deepEqual(metadataPath('User.My Header'), ['user', 'my header']);
    assert.deepEqual(metadataPath('[User].[a.b]'), ['user', 'a.b']);
  });
  it('derives a stable, GUID-shaped EventId per record', () => {
    const id = kafkaEventId('telemetry', 3, 42);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(id, kafkaEventId('telemetry', 3, 42));
    assert.notEqual(id, kafkaEventId('telemetry', 3, 43));
  });
});
