import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime, and3, compareValues, isTrue, not3, or3, sortCompare, sqlEquals, type Bool3 } from './index.ts';

describe('three-valued logic (WHERE page: comparisons with NULL are false both ways)', () => {
  const values: Bool3[] = [true, false, null];
  it('follows the SQL truth tables', () => {
    const and = values.map((a) => values.map((b) => and3(a, b)));
    assert.deepEqual(and, [
      [true, false, null],
      [false, false, false],
      [null, false, null],
    ]);
    const or = values.map((a) => values.map((b) => or3(a, b)));
    assert.deepEqual(or, [
      [true, true, true],
      [true, false, null],
      [true, null, null],
    ]);
    assert.deepEqual(values.map(not3), [false, true, null]);
  });

  it('a NULL comparison passes neither col = 1 nor NOT (col = 1)', () => {
    const eq = sqlEquals(null, 1);
    assert.equal(isTrue(eq), false);
    assert.equal(isTrue(not3(eq)), false);
  });
});

describe('compareValues / sqlEquals', () => {
  it('compares bigint with float numerically (Data Types page)', () => {
    assert.equal(sqlEquals(1, 1.0), true);
    assert.equal(compareValues(2, 2.5), -1);
    assert.equal(compareValues(9223372036854775807n, 1e3), 1);
    assert.equal(compareValues(-9223372036854775807n, 9007199254740993n), -1);
  });

  it('returns UNKNOWN for NULL operands', () => {
    assert.equal(compareValues(null, 1), null);
    assert.equal(sqlEquals('a', null), null);
  });

  it('compares strings ordinally and bit as 0/1', () => {
    assert.equal(compareValues('a', 'b'), -1);
    assert.equal(sqlEquals('end', 'End'), false);
    assert.equal(sqlEquals(true, 1), true);
  });

  it('converts a string compared with a datetime', () => {
    const t = AsaDateTime.fromParts(2014, 9, 10, 12);
    assert.equal(sqlEquals(t, '2014-09-10 12:00:00'), true);
    assert.equal(compareValues('2014-09-10T11:00:00Z', t), -1);
    assert.throws(() => compareValues(t, 'soon'), { code: 'SLUICE_TYPES_CAST' });
  });

  it('treats values of unrelated types as unequal but refuses to order them', () => {
    assert.equal(sqlEquals('1', 1), false);
    assert.throws(() => compareValues('1', 1), { code: 'SLUICE_TYPES_COMPARE' });
    assert.throws(() => compareValues({ a: 1 }, { a: 1 }), { code: 'SLUICE_TYPES_COMPARE' });
  });

  it('compares records and arrays deeply for equality', () => {
    assert.equal(sqlEquals({ a: [1, { b: null }] }, { a: [1, { b: null }] }), true);
    assert.equal(sqlEquals({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(sqlEquals([1, 2], [1, 3]), false);
  });

  it('sortCompare is total: NULL first, then by value, unrelated types by type name', () => {
    const sorted: Array<number | string | null> = [3, null, 'b', 1, 'a'];
    sorted.sort(sortCompare);
    assert.deepEqual(sorted, [null, 1, 3, 'a', 'b']);
  });
});
