import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { createDeserializer, createSerializer } from '../index.ts';
import { PYTHON, runPythonFixtures, type FixtureDir } from '../test-support/python-fixtures.ts';

// pyarrow writes the files: every codec hyparquet-compressors reads, nested lists/structs/maps, nulls,
// INT64 beyond 2^53, timestamps in ms/us/ns, dates and decimals.
const SCRIPT = String.raw`
import sys, os, datetime, decimal
import pyarrow as pa, pyarrow.parquet as pq
out = sys.argv[1]
utc = datetime.timezone.utc
t = pa.table({
  'id': pa.array([1, 2**62 + 1, None], pa.int64()),
  'name': pa.array(['a', None, 'ç'], pa.string()),
  'temp': pa.array([21.5, None, -0.25], pa.float64()),
  'f32': pa.array([0.5, 1.0, None], pa.float32()),
  'ok': pa.array([True, False, None]),
  'ts_ms': pa.array([datetime.datetime(2023, 1, 1, 0, 0, 10, 123000), None, datetime.datetime(1969, 12, 31, 23, 59, 59)], pa.timestamp('ms', tz='UTC')),
  'ts_us': pa.array([datetime.datetime(2023, 1, 1, 0, 0, 10, 123456), None, None], pa.timestamp('us')),
  'ts_ns': pa.array([1672531210123456789, None, None], pa.timestamp('ns')),
  'day': pa.array([datetime.date(2024, 2, 29), None, None], pa.date32()),
  'price': pa.array([decimal.Decimal('123.45'), None, decimal.Decimal('-0.01')], pa.decimal128(10, 2)),
  'tags': pa.array([['x', 'y'], [], None], pa.list_(pa.string())),
  'loc': pa.array([{'lat': 47.5, 'lon': -122.25}, None, {'lat': 1.0, 'lon': None}], pa.struct([('lat', pa.float64()), ('lon', pa.float64())])),
  'deep': pa.array([[{'k': 1, 'v': [1, 2]}], [], None], pa.list_(pa.struct([('k', pa.int32()), ('v', pa.list_(pa.int64()))]))),
  'attrs': pa.array([[('a', 1)], [], None], pa.map_(pa.string(), pa.int64())),
  'raw': pa.array([b'\x00\x01\xff', None, b''], pa.binary()),
})
for codec in ['NONE', 'SNAPPY', 'GZIP', 'ZSTD', 'LZ4', 'BROTLI']:
    pq.write_table(t, os.path.join(out, codec.lower() + '.parquet'), compression=codec)
pq.write_table(pa.table({'n': pa.array(range(5000), pa.int64())}), os.path.join(out, 'groups.parquet'), row_group_size=1000)
`;

async function decodeAll(bytes: Uint8Array): Promise<AsaRecord[]> {
  const out: AsaRecord[] = [];
  const d = createDeserializer({ type: 'Parquet' });
  assert.equal(d.isSync, false);
  await d.decodeAsync(bytes, out);
  return out;
}

async function codeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    assert.ok(isSluiceError(err), `expected a SluiceError, got ${String(err)}`);
    return err.code;
  }
  assert.fail('expected an error');
}

describe('Parquet files (written by pyarrow)', () => {
  let fx: FixtureDir;
  before(() => { fx = runPythonFixtures(SCRIPT, 'parquet'); });
  after(() => fx.cleanup());

  for (const codec of ['none', 'snappy', 'gzip', 'zstd', 'lz4', 'brotli']) {
    it(`reads codec ${codec} with nested types, nulls, exact INT64 and timestamps`, async () => {
      const [a, b, c] = await decodeAll(fx.read(`${codec}.parquet`));
      assert.ok(a && b && c);
      assert.equal(a.id, 1);
      assert.equal(b.id, 2n ** 62n + 1n);
      assert.equal(c.id, null);
      assert.equal(a.name, 'a');
      assert.equal(b.name, null);
      assert.equal(c.name, 'ç');
      assert.equal(a.temp, 21.5);
      assert.equal(a.f32, 0.5);
      assert.equal(a.ok, true);
      assert.equal(c.ok, null);
      assert.ok(a.ts_ms instanceof AsaDateTime);
      assert.equal(String(a.ts_ms), '2023-01-01T00:00:10.1230000Z');
      assert.equal(String(c.ts_ms), '1969-12-31T23:59:59.0000000Z');
      assert.equal(String(a.ts_us), '2023-01-01T00:00:10.1234560Z');
      assert.equal(String(a.ts_ns), '2023-01-01T00:00:10.1234567Z');
      assert.equal(String(a.day), '2024-02-29T00:00:00.0000000Z');
      assert.equal(a.price, 123.45);
      assert.equal(c.price, -0.01);
      assert.deepEqual(a.tags, ['x', 'y']);
      assert.deepEqual(b.tags, []);
      assert.equal(c.tags, null);
      assert.deepEqual(a.loc, { lat: 47.5, lon: -122.25 });
      assert.equal(b.loc, null);
      assert.deepEqual(c.loc, { lat: 1, lon: null });
      assert.deepEqual(a.deep, [{ k: 1, v: [1, 2] }]);
      assert.deepEqual(a.attrs, { a: 1 });
      assert.equal(a.raw, 'AAH/');
    });
  }

  it('reads several row groups', async () => {
    const rows = await decodeAll(fx.read('groups.parquet'));
    assert.equal(rows.length, 5000);
    assert.deepEqual(rows[4999], { n: 4999 });
  });

  it('rejects wrong magic, a truncated file and a corrupt footer, appending nothing', async () => {
    const good = fx.read('snappy.parquet');
    const out: AsaRecord[] = [];
    const d = createDeserializer({ type: 'Parquet' });
    assert.equal(await codeOf(() => d.decodeAsync(new TextEncoder().encode('{"a":1}'), out)), 'SLUICE_FORMAT_PARQUET_MAGIC');
    assert.equal(await codeOf(() => d.decodeAsync(good.subarray(0, good.length - 100), out)), 'SLUICE_FORMAT_PARQUET_MAGIC');
    const bad = good.slice();
    for (let i = bad.length - 60; i < bad.length - 8; i++) bad[i] = 0xff;
    assert.match(await codeOf(() => d.decodeAsync(bad, out)), /^SLUICE_FORMAT_PARQUET_(METADATA|DATA)$/);
    const pages = good.slice();
    for (let i = 8; i < 200; i++) pages[i] = 0x5a;
    assert.match(await codeOf(() => d.decodeAsync(pages, out)), /^SLUICE_FORMAT_PARQUET_(METADATA|DATA)$/);
    assert.equal(out.length, 0);
    assert.equal(await codeOf(async () => d.decode(good, out)), 'SLUICE_FORMAT_PARQUET_ASYNC');
  });
});

describe('Parquet output', () => {
  const rows: AsaRecord[] = [
    { id: 1, t: 1.5, s: 'a', ok: true, dt: AsaDateTime.fromEpochTicks(16725312101234567n), r: { x: [1, 'y'] }, big: 2n ** 62n, mix: 1 },
    { id: null, t: 2, s: null, ok: false, dt: null, r: null, big: -5, mix: 'x' },
    ...Array.from({ length: 30 }, (_, i) => ({ id: i, t: i / 3, s: `s${i}é`, ok: i % 2 === 0 })),
  ];

  it('round-trips through hyparquet, both codecs (datetime kept to the microsecond)', async () => {
    for (const codec of ['UNCOMPRESSED', 'GZIP'] as const) {
      const back = await decodeAll(createSerializer({ type: 'Parquet' }, { parquet: { codec } }).encode(rows));
      assert.equal(back.length, 32);
      assert.deepEqual(back[0], { ...rows[0], dt: AsaDateTime.fromEpochTicks(16725312101234560n), r: '{"x":[1,"y"]}', mix: '1' });
      assert.deepEqual(back[1], { ...rows[1], mix: 'x' });
      assert.deepEqual(back[31], { id: 29, t: 29 / 3, s: 's29é', ok: false, dt: null, r: null, big: null, mix: null });
    }
  });

  it('writes files pyarrow reads', () => {
    const fx = runPythonFixtures('import sys', 'parquet-out');
    try {
      const file = join(fx.dir, 'out.parquet');
      writeFileSync(file, createSerializer({ type: 'Parquet' }, { parquet: { codec: 'GZIP' } }).encode(rows));
      const script = 'import sys, json, pyarrow.parquet as pq\nt = pq.read_table(sys.argv[1])\nprint(json.dumps({"schema": [str(f.type) for f in t.schema], "rows": t.to_pylist()}, default=str))';
      const parsed = JSON.parse(execFileSync(PYTHON, ['-c', script, file]).toString()) as { schema: string[]; rows: Record<string, unknown>[] };
      assert.deepEqual(parsed.schema, ['int64', 'double', 'string', 'bool', 'timestamp[us, tz=UTC]', 'string', 'int64', 'string']);
      assert.equal(parsed.rows.length, 32);
      assert.equal(parsed.rows[0]?.big, 2 ** 62);
      assert.equal(parsed.rows[0]?.dt, '2023-01-01 00:00:10.123456+00:00');
      assert.equal(parsed.rows[1]?.id, null);
      assert.equal(parsed.rows[31]?.s, 's29é');
    } finally {
      fx.cleanup();
    }
  });
});
