// Every serialization ASA's Kafka input reads — JSON, CSV, Avro, Parquet, Protobuf — with messages made by
// tools we did not write: pyarrow and fastavro write the Parquet and Avro files, `protoc --encode` the
// Protobuf messages, and kcat sends each file as one Kafka message (its file mode). They are read back
// through the input path (reader → deserializer → input batches) and must give the same events.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordReader, buildInputBatches, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { createDeserializer, type SerializationSpec } from '../../src/formats/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const run = promisify(execFile);
const broker = requireBroker();
const PYTHON = process.env['SLUICE_TEST_PYTHON'] ?? join(process.env['HOME'] ?? '', '.cache/sluice/venv/bin/python');
const EXPECTED = [{ deviceId: 'd1', temp: 21.5, count: 3 }, { deviceId: 'd2', temp: -4.25, count: 7 }];

describe('serializations over Kafka, from independent producers', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-serial-'));
    await writeFile(join(dir, 'one.json'), JSON.stringify(EXPECTED));
    await writeFile(join(dir, 'lines.json'), EXPECTED.map((e) => JSON.stringify(e)).join('\n'));
    await writeFile(join(dir, 'rows.csv'), 'deviceId;temp;count\n' + EXPECTED.map((e) => `${e.deviceId};${e.temp};${e.count}`).join('\n') + '\n');
    execFileSync(PYTHON, ['-c', `
import json, sys, fastavro, pyarrow as pa, pyarrow.parquet as pq
rows = json.loads(sys.argv[1]); d = sys.argv[2]
schema = {"type": "record", "name": "Reading", "fields": [{"name": "deviceId", "type": "string"}, {"name": "temp", "type": "double"}, {"name": "count", "type": "long"}]}
with open(d + "/readings.avro", "wb") as f:
    fastavro.writer(f, schema, rows, codec="deflate")
pq.write_table(pa.Table.from_pylist(rows, schema=pa.schema([("deviceId", pa.string()), ("temp", pa.float64()), ("count", pa.int64())])), d + "/readings.parquet", compression="zstd")
`, JSON.stringify(EXPECTED), dir]);
    await writeFile(join(dir, 'reading.proto'), 'syntax = "proto3";\npackage telemetry;\nmessage Reading { string deviceId = 1; double temp = 2; int64 count = 3; }\n');
    for (const [i, e] of EXPECTED.entries()) {
      const { stdout } = await new Promise<{ stdout: Buffer }>((resolve, reject) => {
        const child = execFile('protoc', [`--proto_path=${dir}`, '--encode=telemetry.Reading', 'reading.proto'], { encoding: 'buffer' }, (err, stdout) => (err ? reject(err) : resolve({ stdout })));
        child.stdin!.end(`deviceId: "${e.deviceId}" temp: ${e.temp} count: ${e.count}\n`);
      });
      await writeFile(join(dir, `reading-${i}.pb`), stdout);
    }
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const cases: Array<{ name: string; files: string[]; spec: () => SerializationSpec; typed: boolean }> = [
    { name: 'JSON, an array of objects per message', files: ['one.json'], spec: () => ({ type: 'Json' }), typed: true },
    { name: 'JSON, line-separated objects per message', files: ['lines.json'], spec: () => ({ type: 'Json' }), typed: true },
    { name: 'CSV with a header row and ";" as the delimiter', files: ['rows.csv'], spec: () => ({ type: 'Csv', fieldDelimiter: ';' }), typed: false },
    { name: 'Avro object container file (fastavro, deflate)', files: ['readings.avro'], spec: () => ({ type: 'Avro' }), typed: true },
    { name: 'Parquet file (pyarrow, zstd)', files: ['readings.parquet'], spec: () => ({ type: 'Parquet' }), typed: true },
    { name: 'Protobuf (protoc --encode), one message per Kafka message', files: ['reading-0.pb', 'reading-1.pb'], spec: () => ({ type: 'Protobuf', protobuf: { protoFile: join(dir, 'reading.proto'), messageType: 'telemetry.Reading', prefixStyle: 'None' } }), typed: true },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const topic = uniqueName('serial');
      const admin = new RdkafkaAdmin(connectionFor(broker!, 'None'));
      try {
        await admin.createTopic(topic, { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } });
      } finally {
        await admin.close();
      }
      // kcat's file mode: each file is sent as one message.
      await run('kcat', ['-P', '-b', broker!.bootstrap.plaintext, '-t', topic, '-p', '0', ...c.files.map((f) => join(dir, f))]);
      const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('g') });
      const records: KafkaRecord[] = [];
      try {
        reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
        const deadline = Date.now() + 15_000;
        while (records.length < c.files.length && Date.now() < deadline) records.push(...await reader.read(10, 200));
      } finally {
        await reader.close();
      }
      assert.equal(records.length, c.files.length);
      const bad: unknown[] = [];
      const batches = await buildInputBatches(records, { deserializer: createDeserializer(c.spec()), timestampType: 'LogAppendTime', onUndecodable: (m) => bad.push(m.reason) });
      assert.deepEqual(bad, []);
      const rows = batches.flatMap((b) => b.rows);
      // CSV values arrive as strings, as in ASA ("Input validation"); the other formats carry types.
      const expected = c.typed ? EXPECTED : EXPECTED.map((e) => ({ deviceId: e.deviceId, temp: String(e.temp), count: String(e.count) }));
      assert.deepEqual(rows.map((r) => ({ deviceId: r['deviceId'], temp: r['temp'], count: r['count'] })), expected);
    });
  }
});
