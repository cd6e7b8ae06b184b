// Whole floats in Avro output: a column the planner typed float (AVG giving 70) is written as double —
// in the schema and in every row, also when a batch holds only whole values or NULLs, and in one-row files
// (one Kafka message each) — and read back by fastavro (an independent reader) as Python floats.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AsaRecord } from '../../types/index.ts';
import { PYTHON } from '../test-support/python-fixtures.ts';
import { AvroSerializer } from './avro-serializer.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-avro-float-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const READ = `import sys, json, fastavro
r = fastavro.reader(open(sys.argv[1], "rb"))
fields = {f["name"]: f["type"] for f in r.writer_schema["fields"]}
rows = [[[k, type(v).__name__, v] for k, v in rec.items()] for rec in r]
print(json.dumps({"fields": fields, "rows": rows}))`;

interface ReadBack { fields: Record<string, unknown>; rows: Array<Array<[string, string, unknown]>> }

function fastavroRead(bytes: Uint8Array, name: string): ReadBack {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync(PYTHON, ['-c', READ, file]).toString()) as ReadBack;
}

const COLUMNS = [{ name: 'deviceId', type: 'nvarchar(max)' }, { name: 'avg', type: 'float' }, { name: 'n', type: 'bigint' }];

describe('Avro output of float-typed columns', () => {
  it('writes whole floats as double, consistently across rows, and bigints as long', () => {
    const s = new AvroSerializer();
    s.describe(COLUMNS);
    const rows: AsaRecord[] = [{ deviceId: 'a', avg: 70, n: 3 }, { deviceId: 'b', avg: 70.5, n: 4 }, { deviceId: 'c', avg: null, n: 5 }];
    const back = fastavroRead(s.encode(rows), 'mixed.avro');
    assert.deepEqual(back.fields, { deviceId: ['null', 'string'], avg: ['null', 'double'], n: ['null', 'long'] });
    assert.deepEqual(back.rows.map((r) => r.find(([k]) => k === 'avg')), [['avg', 'float', 70], ['avg', 'float', 70.5], ['avg', 'NoneType', null]]);
    assert.deepEqual(back.rows.map((r) => r.find(([k]) => k === 'n')?.[1]), ['int', 'int', 'int']);
    assert.deepEqual(Object.keys(back.fields), ['deviceId', 'avg', 'n'], 'the columns keep the query\'s order');
  });

  it('keeps double when a batch has only whole values, only NULLs, or one row (a Kafka message)', () => {
    const s = new AvroSerializer();
    s.describe(COLUMNS);
    assert.deepEqual(fastavroRead(s.encode([{ deviceId: 'a', avg: 70, n: 1 }, { deviceId: 'b', avg: 21, n: 2 }]), 'whole.avro').fields['avg'], ['null', 'double']);
    assert.deepEqual(fastavroRead(s.encode([{ deviceId: 'a', avg: null, n: 1 }]), 'null.avro').fields['avg'], ['null', 'double']);
    const one = fastavroRead(s.encodeRow({ deviceId: 'a', avg: 25, n: 1 }), 'row.avro');
    assert.deepEqual(one.fields['avg'], ['null', 'double']);
    assert.deepEqual(one.rows[0]!.find(([k]) => k === 'avg'), ['avg', 'float', 25]);
  });

  it('without column types (SELECT *), a whole number is a long, as the value model sees it', () => {
    const back = fastavroRead(new AvroSerializer().encode([{ avg: 70 }]), 'untyped.avro');
    assert.deepEqual(back.fields['avg'], ['null', 'long']);
  });
});
