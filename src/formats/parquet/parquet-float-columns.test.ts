// Whole floats in Parquet output: a column the planner typed float (AVG giving 70) is a DOUBLE column —
// also when every value of a file is whole or NULL — read back by pyarrow (an independent reader).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AsaRecord } from '../../types/index.ts';
import { PYTHON } from '../test-support/python-fixtures.ts';
import { ParquetSerializer } from './parquet-serializer.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-parquet-float-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const READ = `import sys, json, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(json.dumps({"types": {f.name: str(f.type) for f in t.schema}, "rows": [[[k, type(v).__name__, v] for k, v in r.items()] for r in t.to_pylist()]}))`;

interface ReadBack { types: Record<string, string>; rows: Array<Array<[string, string, unknown]>> }

function pyarrowRead(bytes: Uint8Array, name: string): ReadBack {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync(PYTHON, ['-c', READ, file]).toString()) as ReadBack;
}

const COLUMNS = [{ name: 'deviceId', type: 'nvarchar(max)' }, { name: 'avg', type: 'float' }, { name: 'n', type: 'bigint' }];

describe('Parquet output of float-typed columns', () => {
  it('writes whole floats in a DOUBLE column and bigints in an INT64 column', () => {
    const s = new ParquetSerializer();
    s.describe(COLUMNS);
    const rows: AsaRecord[] = [{ deviceId: 'a', avg: 70, n: 3 }, { deviceId: 'b', avg: 21, n: 4 }, { deviceId: 'c', avg: null, n: 5 }];
    const back = pyarrowRead(s.encode(rows), 'whole.parquet');
    assert.deepEqual(back.types, { deviceId: 'string', avg: 'double', n: 'int64' });
    assert.deepEqual(back.rows.map((r) => r.find(([k]) => k === 'avg')), [['avg', 'float', 70], ['avg', 'float', 21], ['avg', 'NoneType', null]]);
  });

  it('keeps DOUBLE for a file whose float column is NULL in every row, or has one row', () => {
    const s = new ParquetSerializer('GZIP');
    s.describe(COLUMNS);
    assert.equal(pyarrowRead(s.encode([{ deviceId: 'a', avg: null, n: 1 }]), 'null.parquet').types['avg'], 'double');
    assert.equal(pyarrowRead(s.encodeRow({ deviceId: 'a', avg: 25, n: 1 }), 'row.parquet').types['avg'], 'double');
  });

  it('without column types (SELECT *), a whole number is INT64, as the value model sees it', () => {
    assert.equal(pyarrowRead(new ParquetSerializer().encode([{ avg: 70 }]), 'untyped.parquet').types['avg'], 'int64');
  });
});
