import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOutputDefinition, type OutputSpec } from './index.ts';

function ok(raw: unknown): OutputSpec {
  const r = parseOutputDefinition(raw, { fileAlias: 'out' });
  assert.ok(r.ok, JSON.stringify(r.issues));
  return r.value;
}

function errorAt(raw: unknown, path: string): string {
  const r = parseOutputDefinition(raw);
  assert.equal(r.ok, false);
  const hit = r.issues.find((i) => i.path.join('.') === path && i.severity === 'error');
  assert.ok(hit, `no error at ${path}: ${JSON.stringify(r.issues)}`);
  return hit.message;
}

describe('Kafka output', () => {
  it('defaults to no compression and round-robin partitioning', () => {
    const spec = ok({ Name: 'out', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'b:9092', Topic: 't' }, Serialization: { Type: 'Json' } });
    assert.deepEqual(spec.sink, { kind: 'kafka', properties: { bootstrapServers: ['b:9092'], securityProtocol: 'None', topic: 't', compressionType: 'None' } });
    assert.deepEqual(spec.serialization, { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' });
    assert.equal(spec.live, true);
  });

  it('reads partition key, compression (any case) and the ARM shape', () => {
    const spec = ok({ name: 'out', properties: { datasource: { type: 'Kafka', properties: { bootstrapServers: 'b:1', topic: 't', partitionKey: 'deviceId', compressionType: 'LZ4' } }, serialization: { type: 'Avro', properties: {} } } });
    assert.equal(spec.sink.kind, 'kafka');
    if (spec.sink.kind === 'kafka') {
      assert.equal(spec.sink.properties.partitionKey, 'deviceId');
      assert.equal(spec.sink.properties.compressionType, 'Lz4');
    }
  });

  it('allows only Json, Csv and Avro, as ASA\'s Kafka output', () => {
    assert.match(errorAt({ Name: 'o', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'b:1', Topic: 't' }, Serialization: { Type: 'Parquet' } }, 'Serialization.Type'), /Json, Csv or Avro/);
    assert.match(errorAt({ Name: 'o', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'b:1', Topic: 't', CompressionType: 'brotli' }, Serialization: { Type: 'Json' } }, 'KafkaProperties.CompressionType'),
      /allowed: None, Gzip, Snappy, Lz4, Zstd/);
  });
});

describe('file, PostgreSQL, console and other outputs', () => {
  it('applies ASA\'s Parquet batching defaults and reads MaximumTime as a TimeSpan', () => {
    const spec = ok({ Name: 'f', DataSourceType: 'File', FileProperties: { Path: 'out/{date}/{time}' }, Serialization: { Type: 'Parquet' }, MaximumTime: '00:05:00' });
    assert.deepEqual(spec.sink, { kind: 'file', properties: { path: 'out/{date}/{time}', dateFormat: 'yyyy/MM/dd', timeFormat: 'HH' } });
    assert.equal(spec.minimumRows, 2000);
    assert.equal(spec.maximumTimeSeconds, 300);
    assert.match(errorAt({ Name: 'f', DataSourceType: 'File', FileProperties: { Path: 'x' }, Serialization: { Type: 'Json' }, MinimumRows: 20000 }, 'MinimumRows'), /10000/);
    assert.match(errorAt({ Name: 'f', DataSourceType: 'File', FileProperties: { Path: 'x' }, Serialization: { Type: 'Json' }, MaximumTime: 'soon' }, 'MaximumTime'), /not a duration/);
  });

  it('reads PostgreSQL outputs with column mapping, upsert key and a secret password', () => {
    const spec = ok({ Name: 'pg', DataSourceType: 'Azure Database for PostgreSQL', PostgreSQLProperties: { Server: 'db', Database: 'd', User: 'w', Password: { SecretName: 'pg-pw' }, Table: 't', ColumnMapping: { col_a: 'a' }, UpsertKey: ['col_a'] } });
    assert.deepEqual(spec.sink, { kind: 'postgres', properties: { server: 'db', port: 5432, database: 'd', sslMode: 'require', username: 'w', password: { kind: 'secret', name: 'pg-pw' }, table: 't', maxWriterCount: 1, columnMapping: { col_a: 'a' }, upsertKey: ['col_a'] } });
  });

  it('writes the console as line-separated JSON by default', () => {
    assert.deepEqual(ok({ Name: 'c', DataSourceType: 'console' }), { alias: 'c', sink: { kind: 'console' }, serialization: { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' }, live: true });
  });

  it('keeps ASA sinks sluice cannot write, and unknown types with a warning', () => {
    const blob = ok({ Name: 'b', DataSourceType: 'Blob Storage', BlobStorageProperties: { Container: 'c', StorageAccounts: [{ AccountName: 'a', AccountKey: 'k' }] }, Serialization: { Type: 'Csv', FieldDelimiter: ',' } });
    assert.deepEqual(blob.sink, { kind: 'external', dataSourceType: 'Blob Storage', settings: { Container: 'c', StorageAccounts: [{ AccountName: 'a' }] } });
    assert.equal(blob.live, false);
    const r = parseOutputDefinition({ Name: 'x', DataSourceType: 'Carrier Pigeon' });
    assert.ok(r.ok);
    assert.equal(r.issues[0]?.severity, 'warning');
    assert.equal(r.value.live, false);
  });
});
