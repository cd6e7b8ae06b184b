import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arithmetic, bitwise, bitwiseNot, negate } from './index.ts';

describe('arithmetic operators', () => {
  it('keeps bigint exact and widens to float when a float takes part', () => {
    assert.equal(arithmetic('+', 1, 2), 3);
    assert.equal(arithmetic('*', 2, 1.5), 3);
    assert.equal(arithmetic('+', 9007199254740991, 2), 9007199254740993n);
    assert.equal(arithmetic('-', -9007199254740991n * 1000n, 1), -9007199254740991001n);
    assert.throws(() => arithmetic('*', 2n ** 62n, 2), { code: 'SLUICE_TYPES_OVERFLOW' });
  });

  it('divides bigints the T-SQL way and floats exactly', () => {
    assert.equal(arithmetic('/', 7, 2), 3);
    assert.equal(arithmetic('/', -7, 2), -3);
    assert.equal(arithmetic('%', -7, 2), -1);
    assert.equal(arithmetic('/', 7.0, 2, true), 3.5);
    assert.equal(arithmetic('/', 7.5, 2), 3.75);
    assert.throws(() => arithmetic('/', 1, 0), { code: 'SLUICE_TYPES_DIVIDE_BY_ZERO' });
  });

  it("concatenates strings with + (SPACE page: RTRIM('LastName  ') + ',' + SPACE(1) …)", () => {
    assert.equal(arithmetic('+', 'LastName', ','), 'LastName,');
    assert.throws(() => arithmetic('+', 'a', 1), { code: 'SLUICE_TYPES_CAST' });
    assert.equal(arithmetic('+', '2.5', 1), 3.5, 'a numeric string converts to float');
    assert.throws(() => arithmetic('+', { a: 1 }, 1), { code: 'SLUICE_TYPES_OPERATOR' });
  });

  it('propagates NULL and negates', () => {
    assert.equal(arithmetic('+', null, 1), null);
    assert.equal(negate(5), -5);
    assert.equal(negate(-(2n ** 62n)), 2n ** 62n);
    assert.equal(negate(null), null);
  });
});

describe('bitwise operators (bitwise-and/not-azure-stream-analytics)', () => {
  it('170 & 75 = 10 and ~170 = -171; bit with bit stays bit', () => {
    assert.equal(bitwise('&', 170, 75), 10);
    assert.equal(bitwiseNot(170), -171);
    assert.equal(bitwiseNot(0), -1);
    assert.equal(bitwise('&', true, false), false);
    assert.equal(bitwise('|', true, false), true);
    assert.equal(bitwise('^', true, true), false);
    assert.equal(bitwiseNot(false), true);
  });

  it('mixes bit and bigint into bigint and NULL into NULL', () => {
    assert.equal(bitwise('&', true, 3), 1);
    assert.equal(bitwise('&', null, 1), null);
    assert.equal(bitwiseNot(null), null);
  });

  it('works on full 64-bit values', () => {
    assert.equal(bitwise('|', 2n ** 62n, 1), 2n ** 62n + 1n);
    assert.equal(bitwise('^', 2 ** 40, 2 ** 40), 0);
    assert.equal(bitwiseNot(2 ** 40), -(2 ** 40) - 1);
    assert.throws(() => bitwise('&', 1.5, 1), { code: 'SLUICE_TYPES_OPERATOR' });
  });
});
