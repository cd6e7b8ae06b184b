import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime, cast, convert, parseBigint, toText, tryCast, type AsaValue } from './index.ts';

describe('CAST / TRY_CAST (cast-azure-stream-analytics, try-cast-azure-stream-analytics)', () => {
  it("CAST('this is a string' AS bigint) fails the job; TRY_CAST gives NULL", () => {
    assert.throws(() => cast('this is a string', 'bigint'), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.equal((err as { code?: string }).code, 'SLUICE_TYPES_CAST');
      assert.equal((err as { domain?: string }).domain, 'user');
      assert.match(err.message, /Cannot cast value 'this is a string' of type 'nvarchar\(max\)' to type 'bigint'/);
      return true;
    });
    assert.equal(tryCast('this is a string', 'bigint'), null);
  });

  it('names the expression like ASA does for record → array (input-validation article)', () => {
    assert.throws(() => cast({}, 'array', { expression: 'r . readingArray' }), /Cannot cast value of type 'record' to type 'array' in expression 'r \. readingArray'/);
  });

  it('input-validation article: NaN → NULL as float, {} → NULL as array, timestamps gain 7 digits and Z', () => {
    assert.equal(tryCast('NaN', 'float'), null);
    assert.equal(tryCast({}, 'array'), null);
    assert.deepEqual(tryCast(['A', 'B'], 'array'), ['A', 'B']);
    assert.equal(String(tryCast('2021-12-10T10:00:00', 'datetime')), '2021-12-10T10:00:00.0000000Z');
    assert.equal(tryCast(1, 'bigint'), 1);
    assert.equal(tryCast(1.7145, 'float'), 1.7145);
    assert.equal(tryCast('A String', 'nvarchar(max)'), 'A String');
  });

  it('casts NULL to NULL for every type', () => {
    for (const t of ['bigint', 'float', 'nvarchar(max)', 'datetime', 'bit', 'record', 'array'] as const) {
      assert.equal(cast(null, t), null);
    }
  });

  it('CAST(TollId AS bigint) reads digit strings, with sign and blanks, up to 64 bits', () => {
    assert.equal(cast('42', 'bigint'), 42);
    assert.equal(cast(' -7 ', 'bigint'), -7);
    assert.equal(cast('9223372036854775807', 'bigint'), 9223372036854775807n);
    assert.equal(tryCast('9223372036854775808', 'bigint'), null);
    assert.equal(tryCast('1.5', 'bigint'), null);
    assert.equal(parseBigint('0012'), 12);
  });

  it('float → bigint truncates toward zero and fails outside 64 bits', () => {
    assert.equal(cast(2.9, 'bigint'), 2);
    assert.equal(cast(-2.9, 'bigint'), -2);
    assert.equal(cast(1e18, 'bigint'), 1000000000000000000n);
    assert.equal(tryCast(1e19, 'bigint'), null);
  });

  it('string → float accepts decimal and exponent forms, rejects NaN/Infinity/hex', () => {
    assert.equal(cast('1.5', 'float'), 1.5);
    assert.equal(cast('-2e3', 'float'), -2000);
    assert.equal(cast('.5', 'float'), 0.5);
    for (const bad of ['NaN', 'Infinity', '-Infinity', '0x10', '1e400', '', 'abc']) assert.equal(tryCast(bad, 'float'), null, bad);
    assert.equal(cast(9007199254740993n, 'float'), 9007199254740992);
  });

  it('Data Types page, "Conversion to bit": float 0.0 → 0, any other → 1; bit → 1.0 / 0.0', () => {
    assert.equal(cast(0, 'bit'), false);
    assert.equal(cast(0.0001, 'bit'), true);
    assert.equal(cast(-3, 'bit'), true);
    assert.equal(cast(true, 'float'), 1);
    assert.equal(cast(false, 'float'), 0);
    assert.equal(cast(true, 'bigint'), 1);
  });

  it('reads bit from "true"/"false" (CSV form) and 1/0 text', () => {
    assert.equal(cast('true', 'bit'), true);
    assert.equal(cast('FALSE', 'bit'), false);
    assert.equal(cast('1', 'bit'), true);
    assert.equal(tryCast('yes', 'bit'), null);
  });

  it('prints values as nvarchar(max) the .NET way', () => {
    assert.equal(cast(42, 'nvarchar(max)'), '42');
    assert.equal(cast(1.5, 'nvarchar(max)'), '1.5');
    assert.equal(cast(1e-5, 'nvarchar(max)'), '1E-05');
    assert.equal(cast(true, 'nvarchar(max)'), 'true');
    assert.equal(cast(AsaDateTime.fromParts(2023, 1, 1, 0, 0, 10), 'nvarchar(max)'), '2023-01-01T00:00:10.0000000Z');
    assert.equal(tryCast({ a: 1 }, 'nvarchar(max)'), null);
    assert.throws(() => toText([1]), { code: 'SLUICE_TYPES_CAST' });
  });

  it('refuses conversions the type table does not list', () => {
    const cases: Array<[AsaValue, Parameters<typeof convert>[1]]> = [
      [1, 'datetime'],
      [AsaDateTime.fromParts(2020, 1, 1), 'bigint'],
      ['{}', 'record'],
      [[1], 'record'],
      [1, 'array'],
    ];
    for (const [v, t] of cases) assert.equal(convert(v, t), undefined, `${String(v)} → ${t}`);
  });
});
