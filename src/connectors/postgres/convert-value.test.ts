// ASA → PostgreSQL value conversion and the INSERT builder, without a server (the round trips against a
// real server are in test/integration/postgres-sink.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime } from '../../types/index.ts';
import { convertValue } from './convert-value.ts';
import { buildInsert, DEFAULT_VALUE } from './insert-statement.ts';
import type { TableColumn } from './table-columns.ts';

function col(type: string, declared = type, extra: Partial<TableColumn> = {}): TableColumn {
  return { name: 'c', type, declared, maxLength: undefined, notNull: false, generated: false, ...extra };
}

describe('convertValue', () => {
  it('bigint columns take whole numbers in range, as text', () => {
    assert.deepEqual(convertValue(42, col('int8', 'bigint')), { value: '42' });
    assert.deepEqual(convertValue(9223372036854775807n, col('int8', 'bigint')), { value: '9223372036854775807' });
    assert.deepEqual(convertValue(3, col('int4', 'integer')), { value: '3' });
    assert.match((convertValue(2147483648, col('int4', 'integer')) as { reason: string }).reason, /out of range for a integer column/);
    assert.match((convertValue(1.5, col('int8', 'bigint')) as { reason: string }).reason, /not a whole number/);
    assert.match((convertValue('12', col('int8', 'bigint')) as { reason: string }).reason, /the string "12" cannot be written to a bigint column/);
  });

  it('floats, bits, jsonb', () => {
    assert.deepEqual(convertValue(21.5, col('float8', 'double precision')), { value: '21.5' });
    assert.deepEqual(convertValue(1e21, col('float8')), { value: '1E+21' });
    assert.deepEqual(convertValue(true, col('bool', 'boolean')), { value: 'true' });
    assert.deepEqual(convertValue(0, col('bool', 'boolean')), { value: 'false' });
    assert.deepEqual(convertValue({ a: [1, 'x', null] }, col('jsonb')), { value: '{"a":[1,"x",null]}' });
    assert.deepEqual(convertValue([1, 2], col('jsonb')), { value: '[1,2]' });
  });

  it('datetimes keep microseconds; the 100-ns digit is truncated, not rounded', () => {
    const dt = AsaDateTime.fromParts(2024, 12, 31, 23, 59, 59, 999, 9999);
    assert.deepEqual(convertValue(dt, col('timestamptz', 'timestamp with time zone')), { value: '2024-12-31T23:59:59.999999Z' });
    assert.deepEqual(convertValue(dt, col('timestamp', 'timestamp without time zone')), { value: '2024-12-31T23:59:59.999999' });
    assert.deepEqual(convertValue(dt, col('date')), { value: '2024-12-31' });
  });

  it('text columns check varchar(n) length in characters, not bytes', () => {
    const c = col('varchar', 'character varying(3)', { maxLength: 3 });
    assert.deepEqual(convertValue('äöü', c), { value: 'äöü' });
    assert.deepEqual(convertValue('😀😀😀', c), { value: '😀😀😀' });
    assert.match((convertValue('abcd', c) as { reason: string }).reason, /4 characters is too long for a character varying\(3\) column/);
    assert.deepEqual(convertValue(2.5, col('text')), { value: '2.5' });
  });

  it('NULL into a NOT NULL column is the row\'s error', () => {
    assert.deepEqual(convertValue(null, col('text')), { value: null });
    assert.match((convertValue(null, col('text', 'text', { notNull: true })) as { reason: string }).reason, /NOT NULL/);
  });
});

describe('buildInsert', () => {
  it('puts every value in a parameter and quotes identifiers', () => {
    const s = buildInsert('public."T"', ['id', 'we"ird'], [['1', "x'); DROP TABLE t; --"], ['2', DEFAULT_VALUE]]);
    assert.equal(s.text, 'INSERT INTO public."T" ("id","we""ird") VALUES ($1,$2),($3,DEFAULT)');
    assert.deepEqual(s.values, ['1', "x'); DROP TABLE t; --", '2']);
  });

  it('upserts on the key, updating the other columns', () => {
    const s = buildInsert('t', ['k', 'v'], [['1', 'a']], { key: ['k'] });
    assert.equal(s.text, 'INSERT INTO t ("k","v") VALUES ($1,$2) ON CONFLICT ("k") DO UPDATE SET "v" = EXCLUDED."v"');
    assert.equal(buildInsert('t', ['k'], [['1']], { key: ['k'] }).text, 'INSERT INTO t ("k") VALUES ($1) ON CONFLICT ("k") DO NOTHING');
  });
});
