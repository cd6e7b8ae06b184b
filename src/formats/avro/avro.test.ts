import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { createDeserializer, createSerializer } from '../index.ts';
import { PYTHON, runPythonFixtures, type FixtureDir } from '../test-support/python-fixtures.ts';

// fastavro writes the files; snappy and zstandard blocks are compressed with pyarrow's codecs (the
// venv has neither cramjam nor zstandard), patched into fastavro's pure-Python writer.
const SCRIPT = String.raw`
import sys, os, uuid, datetime, decimal, zlib
import pyarrow as pa
import fastavro._write_py as w
out = sys.argv[1]
def snappy_block(encoder, block_bytes, level):
    data = pa.compress(block_bytes, codec='snappy', asbytes=True)
    encoder.write_long(len(data) + 4); encoder._fo.write(data); encoder.write_crc32(block_bytes)
def zstd_block(encoder, block_bytes, level):
    data = pa.compress(block_bytes, codec='zstd', asbytes=True)
    encoder.write_long(len(data)); encoder._fo.write(data)
w.BLOCK_WRITERS['snappy'] = snappy_block
w.BLOCK_WRITERS['zstandard'] = zstd_block
schema = {'type': 'record', 'name': 'Telemetry', 'namespace': 'demo', 'fields': [
  {'name': 'deviceId', 'type': 'string'},
  {'name': 'temp', 'type': 'double'},
  {'name': 'ratio', 'type': 'float'},
  {'name': 'count', 'type': 'int'},
  {'name': 'big', 'type': 'long'},
  {'name': 'ok', 'type': 'boolean'},
  {'name': 'ts', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}},
  {'name': 'tsu', 'type': {'type': 'long', 'logicalType': 'timestamp-micros'}},
  {'name': 'day', 'type': {'type': 'int', 'logicalType': 'date'}},
  {'name': 'price', 'type': {'type': 'bytes', 'logicalType': 'decimal', 'precision': 10, 'scale': 2}},
  {'name': 'id', 'type': {'type': 'string', 'logicalType': 'uuid'}},
  {'name': 'color', 'type': {'type': 'enum', 'name': 'Color', 'symbols': ['RED', 'GREEN']}},
  {'name': 'tags', 'type': {'type': 'array', 'items': 'string'}},
  {'name': 'attrs', 'type': {'type': 'map', 'values': 'long'}},
  {'name': 'loc', 'type': {'type': 'record', 'name': 'Loc', 'fields': [{'name': 'lat', 'type': 'double'}, {'name': 'again', 'type': ['null', 'Color']}]}},
  {'name': 'opt', 'type': ['null', 'string', 'long']},
  {'name': 'raw', 'type': 'bytes'},
  {'name': 'fx', 'type': {'type': 'fixed', 'name': 'Four', 'size': 4}},
]}
utc = datetime.timezone.utc
rows = [
  {'deviceId': 'dev-1', 'temp': 21.5, 'ratio': 0.5, 'count': 7, 'big': 2**62 + 1, 'ok': True,
   'ts': datetime.datetime(2023, 1, 1, 0, 0, 10, 123000, tzinfo=utc), 'tsu': datetime.datetime(2023, 1, 1, 0, 0, 10, 123456, tzinfo=utc),
   'day': datetime.date(2024, 2, 29), 'price': decimal.Decimal('-12345.67'), 'id': uuid.UUID('12345678-1234-5678-1234-567812345678'),
   'color': 'GREEN', 'tags': ['a', 'b'], 'attrs': {'x': -(2**60), 'y': 3}, 'loc': {'lat': 47.5, 'again': 'RED'}, 'opt': None,
   'raw': b'\x00\x01\xff', 'fx': b'abcd'},
  {'deviceId': 'dév-2', 'temp': -0.25, 'ratio': 2.0, 'count': -3, 'big': -(2**63), 'ok': False,
   'ts': datetime.datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=utc), 'tsu': datetime.datetime(1, 1, 1, tzinfo=utc),
   'day': datetime.date(1970, 1, 1), 'price': decimal.Decimal('0.01'), 'id': uuid.UUID('00000000-0000-0000-0000-000000000000'),
   'color': 'RED', 'tags': [], 'attrs': {}, 'loc': {'lat': -1.0, 'again': None}, 'opt': 9007199254740993,
   'raw': b'', 'fx': b'\x00\x00\x00\x00'},
]
for codec in ['null', 'deflate', 'snappy', 'zstandard']:
    with open(os.path.join(out, codec + '.avro'), 'wb') as f:
        w.writer(f, schema, rows, codec=codec)
small = {'type': 'record', 'name': 'N', 'fields': [{'name': 'n', 'type': 'long'}]}
with open(os.path.join(out, 'blocks.avro'), 'wb') as f:
    w.writer(f, small, ({'n': i} for i in range(1000)), codec='deflate', sync_interval=200)
with open(os.path.join(out, 'scalar.avro'), 'wb') as f:
    w.writer(f, 'long', [1, 2])
import io, struct, json, fastavro
buf = io.BytesIO()
fastavro.schemaless_writer(buf, fastavro.parse_schema(schema), rows[0])
open(os.path.join(out, 'wire.bin'), 'wb').write(b'\x00' + struct.pack('>I', 42) + buf.getvalue())
open(os.path.join(out, 'schema.json'), 'w').write(json.dumps(schema))
`;

function decodeAll(bytes: Uint8Array): AsaRecord[] {
  const out: AsaRecord[] = [];
  createDeserializer({ type: 'Avro' }).decode(bytes, out);
  return out;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isSluiceError(err), `expected a SluiceError, got ${String(err)}`);
    assert.equal(err.domain, 'user');
    return err.code;
  }
  assert.fail('expected an error');
}

describe('Avro object container files (written by fastavro)', () => {
  let fx: FixtureDir;
  before(() => { fx = runPythonFixtures(SCRIPT, 'avro'); });
  after(() => fx.cleanup());

  for (const codec of ['null', 'deflate', 'snappy', 'zstandard']) {
    it(`reads codec ${codec} with logical types, unions, maps, enums and exact longs`, () => {
      const [a, b] = decodeAll(fx.read(`${codec}.avro`));
      assert.ok(a && b);
      assert.equal(a.deviceId, 'dev-1');
      assert.equal(a.temp, 21.5);
      assert.equal(a.ratio, 0.5);
      assert.equal(a.count, 7);
      assert.equal(a.big, 2n ** 62n + 1n);
      assert.equal(b.big, -(2n ** 63n));
      assert.equal(a.ok, true);
      assert.ok(a.ts instanceof AsaDateTime);
      assert.equal(String(a.ts), '2023-01-01T00:00:10.1230000Z');
      assert.equal(String(a.tsu), '2023-01-01T00:00:10.1234560Z');
      assert.equal(String(b.ts), '1969-12-31T23:59:59.9990000Z');
      assert.equal(String(b.tsu), '0001-01-01T00:00:00.0000000Z');
      assert.equal(String(a.day), '2024-02-29T00:00:00.0000000Z');
      assert.equal(a.price, -12345.67);
      assert.equal(b.price, 0.01);
      assert.equal(a.id, '12345678-1234-5678-1234-567812345678');
      assert.equal(a.color, 'GREEN');
      assert.deepEqual(a.tags, ['a', 'b']);
      assert.deepEqual(a.attrs, { x: -(2n ** 60n), y: 3 });
      assert.deepEqual(a.loc, { lat: 47.5, again: 'RED' });
      assert.deepEqual(b.loc, { lat: -1, again: null });
      assert.equal(a.opt, null);
      assert.equal(b.opt, 9007199254740993n);
      assert.equal(a.raw, 'AAH/');
      assert.equal(a.fx, 'YWJjZA==');
      assert.equal(b.deviceId, 'dév-2');
    });
  }

  it('reads many blocks', () => {
    const rows = decodeAll(fx.read('blocks.avro'));
    assert.equal(rows.length, 1000);
    assert.deepEqual(rows[999], { n: 999 });
  });

  it('reads Confluent wire-format messages when given their schemas (sluice extension)', () => {
    const schema = new TextDecoder().decode(fx.read('schema.json'));
    const d = createDeserializer({ type: 'Avro', avroWireFormat: { schemaForId: (id) => (id === 42 ? schema : undefined) } });
    const out: AsaRecord[] = [];
    assert.equal(d.decode(fx.read('wire.bin'), out), 1);
    assert.equal(out[0]?.big, 2n ** 62n + 1n);
    assert.equal(String(out[0]?.ts), '2023-01-01T00:00:10.1230000Z');
    // Container files still work through the same deserializer.
    assert.equal(d.decode(fx.read('null.avro'), out), 2);
    const unknown = fx.read('wire.bin').slice();
    unknown[4] = 7;
    assert.equal(codeOf(() => d.decode(unknown, out)), 'SLUICE_FORMAT_AVRO_SCHEMA_ID');
    assert.equal(codeOf(() => d.decode(fx.read('wire.bin').subarray(0, 40), out)), 'SLUICE_FORMAT_AVRO_TRUNCATED');
    // Without the extension, a wire-format message is not a container file.
    assert.equal(codeOf(() => createDeserializer({ type: 'Avro' }).decode(fx.read('wire.bin'), out)), 'SLUICE_FORMAT_AVRO_MAGIC');
  });

  it('rejects a file whose schema is not a record', () => {
    assert.equal(codeOf(() => decodeAll(fx.read('scalar.avro'))), 'SLUICE_FORMAT_AVRO_NOT_RECORD');
  });

  it('rejects wrong magic, truncation and a corrupt sync marker, appending nothing', () => {
    const good = fx.read('null.avro');
    const out: AsaRecord[] = [];
    const d = createDeserializer({ type: 'Avro' });
    assert.equal(codeOf(() => d.decode(new TextEncoder().encode('{"a":1}'), out)), 'SLUICE_FORMAT_AVRO_MAGIC');
    assert.equal(codeOf(() => d.decode(good.subarray(0, good.length - 30), out)), 'SLUICE_FORMAT_AVRO_TRUNCATED');
    const bad = good.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    assert.equal(codeOf(() => d.decode(bad, out)), 'SLUICE_FORMAT_AVRO_SYNC');
    const deflate = fx.read('deflate.avro').slice();
    // Flip bytes in the middle of the compressed block.
    for (let i = deflate.length - 60; i < deflate.length - 40; i++) deflate[i] = 0xff;
    assert.match(codeOf(() => d.decode(deflate, out)), /^SLUICE_FORMAT_(AVRO_|UTF8)/);
    assert.equal(out.length, 0);
  });
});

describe('Avro output', () => {
  const rows: AsaRecord[] = [
    { id: 1, name: 'a', t: 1.5, ok: true, when: AsaDateTime.fromEpochMs(1672531210000), nested: { x: 1 }, list: [1, 2], big: 2n ** 60n },
    { id: 2, name: null, t: 2.25, ok: false, when: null, nested: null, list: [], big: -5, extra: 'only here' },
    { id: 3, name: 'c', t: 7, mixed: 'x' },
    { id: 4, mixed: 4.5 },
  ];

  it('round-trips rows through an inferred schema (datetime written as ISO 8601 text)', () => {
    for (const codec of ['null', 'deflate'] as const) {
      const bytes = createSerializer({ type: 'Avro' }, { avro: { codec } }).encode(rows);
      const back = decodeAll(bytes);
      assert.equal(back.length, 4);
      assert.deepEqual(back[0], { ...rows[0], when: '2023-01-01T00:00:10.0000000Z', extra: null, mixed: null });
      assert.equal(back[1]?.big, -5);
      assert.equal(back[1]?.extra, 'only here');
      assert.deepEqual(back[1]?.list, []);
      assert.equal(back[2]?.mixed, 'x');
      assert.equal(back[3]?.mixed, 4.5);
      assert.equal(back[3]?.name, null);
    }
  });

  it('writes files fastavro reads', () => {
    const fx = runPythonFixtures('import sys', 'avro-out');
    try {
      const file = join(fx.dir, 'out.avro');
      writeFileSync(file, createSerializer({ type: 'Avro' }, { avro: { codec: 'deflate' } }).encode(rows));
      const text = execFileSync(PYTHON, ['-c', 'import sys, json, fastavro\nprint(json.dumps(list(fastavro.reader(open(sys.argv[1], "rb"))), default=str))', file]).toString();
      const parsed = JSON.parse(text) as Record<string, unknown>[];
      assert.equal(parsed.length, 4);
      assert.equal(parsed[0]?.name, 'a');
      assert.equal(parsed[0]?.big, 2 ** 60);
      assert.deepEqual(parsed[0]?.nested, { x: 1 });
      assert.equal(parsed[3]?.mixed, 4.5);
    } finally {
      fx.cleanup();
    }
  });
});
