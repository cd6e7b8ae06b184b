import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindScalarFunction, callScalar as call } from './index.ts';

describe('ROUND (round-azure-stream-analytics, documented table)', () => {
  // [x, length, x's static type, expected]
  const cases: Array<[number, number, 'bigint' | 'float', number]> = [
    [1, 0, 'bigint', 1],
    [0, 0, 'bigint', 0],
    [-1, 0, 'bigint', -1],
    [1.0, 0, 'float', 1.0],
    [0.5, 0, 'float', 1.0],
    [-0.5, 0, 'float', -1.0],
    [1.234, 2, 'float', 1.23],
    [1.234, 10, 'float', 1.234],
    [123.4, -1, 'float', 120.0],
    [123.4, -10, 'float', 0.0],
    [501.0101, -3, 'float', 1000.0],
    [123.9995, 3, 'float', 124.0],
  ];
  for (const [x, len, type, expected] of cases) {
    it(`ROUND(${x}, ${len}) = ${expected}`, () => {
      const bound = bindScalarFunction('ROUND', { argTypes: [type, 'bigint'] });
      assert.equal(bound.returnType, type);
      assert.equal(bound.invoke([x, len]), expected);
    });
  }

  it('rounds bigints left of the point, away from zero, exactly', () => {
    assert.equal(call('ROUND', [125, -1]), 130);
    assert.equal(call('ROUND', [-125, -1]), -130);
    assert.equal(call('ROUND', [124, -1]), 120);
    assert.equal(call('ROUND', [9223372036854775000n, -2]), 9223372036854775000n);
    assert.equal(call('ROUND', [12, -25]), 0);
  });

  it('input-validation article: ROUND(1.7145, 2) = 1.71, and a string is an invalid type', () => {
    assert.equal(call('ROUND', [1.7145, 2]), 1.71);
    assert.equal(call('ROUND', [-4.85436, 2]), -4.85);
    assert.throws(() => call('ROUND', ['NaN', 2]), (err: unknown) => {
      assert.match((err as Error).message, /^The 1st argument of function round has invalid type 'nvarchar\(max\)'\. Only 'bigint', 'float' is allowed\.$/);
      return true;
    });
    assert.equal(call('ROUND', [null, 2]), null);
  });
});

describe('ABS / SIGN / CEILING / FLOOR keep the argument type', () => {
  it('computes on bigint and float', () => {
    assert.equal(call('ABS', [-5]), 5);
    assert.equal(call('ABS', [-2.5]), 2.5);
    assert.equal(call('ABS', [-9223372036854775807n]), 9223372036854775807n);
    assert.equal(call('SIGN', [-3.2]), -1);
    assert.equal(call('SIGN', [0]), 0);
    assert.equal(call('CEILING', [1.2]), 2);
    assert.equal(call('CEILING', [-1.2]), -1);
    assert.equal(call('FLOOR', [-1.2]), -2);
    assert.equal(call('FLOOR', [7]), 7);
  });

  it('reports the argument type as the return type', () => {
    assert.equal(bindScalarFunction('ABS', { argTypes: ['bigint'] }).returnType, 'bigint');
    assert.equal(bindScalarFunction('FLOOR', { argTypes: ['float'] }).returnType, 'float');
    assert.equal(bindScalarFunction('FLOOR', { argTypes: ['any'] }).returnType, 'any');
  });

  it('fails on overflow and passes NULL through', () => {
    assert.throws(() => call('ABS', [-(2n ** 63n)]), { code: 'SLUICE_FUNC_OVERFLOW' });
    assert.equal(call('SIGN', [null]), null);
  });
});

describe('POWER / SQUARE / SQRT / EXP', () => {
  it('POWER keeps a bigint base bigint (power-azure-stream-analytics)', () => {
    assert.equal(call('POWER', [2, 3]), 8);
    assert.equal(call('POWER', [2, 62]), 4611686018427387904n);
    assert.throws(() => call('POWER', [2, 63]), { code: 'SLUICE_FUNC_OVERFLOW' });
    assert.equal(call('POWER', [2, -1]), 0);
    assert.equal(call('POWER', [-1, 1000001]), -1);
    assert.equal(bindScalarFunction('POWER', { argTypes: ['float', 'bigint'] }).invoke([2, 0.5]), Math.SQRT2);
    assert.equal(call('POWER', [2.5, 2]), 6.25);
  });

  it('SQUARE, SQRT and EXP return float; SQRT of a negative is an error', () => {
    assert.equal(call('SQUARE', [3]), 9);
    assert.equal(bindScalarFunction('SQUARE', { argTypes: ['bigint'] }).returnType, 'float');
    assert.equal(call('SQRT', [16]), 4);
    assert.throws(() => call('SQRT', [-1]), { code: 'SLUICE_FUNC_FLOAT_RANGE' });
    assert.equal(call('EXP', [0]), 1);
    assert.throws(() => call('EXP', [1000]), { code: 'SLUICE_FUNC_FLOAT_RANGE' });
  });
});

describe('ROUND agrees with decimal rounding on many values', () => {
  it('matches a string-based reference for random floats and lengths', () => {
    let seed = 42;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 5000; i++) {
      const x = Number(((rand() - 0.5) * 10 ** Math.floor(rand() * 8)).toFixed(Math.floor(rand() * 6)));
      const len = Math.floor(rand() * 8) - 3;
      // Reference: round half away from zero on the shortest decimal text.
      const ref = (() => {
        const shifted = Number(`${x}e${len}`);
        const r = Math.sign(shifted) * Math.round(Math.abs(shifted));
        return r === 0 ? 0 : Number(`${r}e${-len}`);
      })();
      assert.equal(bindScalarFunction('ROUND', { argTypes: ['float', 'bigint'] }).invoke([x, len]), ref, `ROUND(${x}, ${len})`);
    }
  });
});
